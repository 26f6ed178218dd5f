namespace Shop.Bench.Gateway;

/// <summary>One target in one round: the closed-loop run's throughput and CPU, the open-loop run's latency.</summary>
public sealed record Measurement(
    string Target,
    int Round,
    double RequestsPerSecond,
    double RequestsPerCpuSecond,
    long Failed,
    long PeakResidentBytes,
    double P50Ms,
    double P99Ms,
    double P999Ms);

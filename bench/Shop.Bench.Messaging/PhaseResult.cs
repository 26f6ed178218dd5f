namespace Shop.Bench.Messaging;

/// <summary>What one side did with one phase's load.</summary>
/// <param name="Elapsed">From the phase's start to the last event applied.</param>
/// <param name="Latencies">Each event's time from when it was due to when it was applied, in order.</param>
/// <param name="PeakBacklog">The most events taken but not yet deleted from the queue, sampled twice a second.</param>
/// <param name="Requests">AWS requests the side sent from the phase's start until its queue was empty again.</param>
/// <param name="Cpu">CPU time the emulator, PostgreSQL and this process (the side's clients and hosts) spent in that interval.</param>
public sealed record PhaseResult(
    Phase Phase, TimeSpan Elapsed, IReadOnlyList<TimeSpan> Latencies, int PeakBacklog, long Requests, CpuUse Cpu, long Duplicates)
{
    public double Throughput => Phase.Events / Elapsed.TotalSeconds;

    public double RequestsPerEvent => (double)Requests / Phase.Events;

    public double MotoCpuMsPerEvent => Cpu.Moto.TotalMilliseconds / Phase.Events;

    public double PostgresCpuMsPerEvent => Cpu.Postgres.TotalMilliseconds / Phase.Events;

    public double ProcessCpuMsPerEvent => Cpu.Process.TotalMilliseconds / Phase.Events;

    public TimeSpan Percentile(double p) => Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}

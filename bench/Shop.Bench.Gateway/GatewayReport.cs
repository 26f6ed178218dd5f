using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Shop.Bench.Gateway;

/// <summary>The results as markdown: per target medians with their spread across rounds, the ratios, the machine.</summary>
public static class GatewayReport
{
    public static string Render(
        GatewayBenchOptions options,
        DateTimeOffset started,
        TimeSpan duration,
        IReadOnlyList<Target> targets,
        IReadOnlyList<Measurement> measurements,
        IReadOnlyList<TimeSpan> startup)
    {
        var text = new StringBuilder();
        Line(text, "# Gateway benchmark");
        Line(text, "");
        Line(text, $"Measured {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC with `bash bench/gateway.sh {options.CommandLine()}` ({duration.TotalMinutes:0} min).");
        Line(text, $"Every target serves `GET {Targets.Path}` from the same backend (bench/Shop.Bench.Backend, a fixed ~1 KB JSON): `direct` is the backend itself,");
        Line(text, "the others proxy to it over keep-alive connections. The gateway runs in Release with its production settings (Production");
        Line(text, "environment: authentication, rate limiter with limits raised out of reach, edge middleware, OpenTelemetry tracing without an exporter).");
        Line(text, $"After a {GatewayBenchOptions.Warmup.TotalSeconds:0} s warm-up per target, {options.Rounds} interleaved rounds; in each, per target: a closed-loop run ({options.Connections} connections, {options.Seconds} s) for");
        Line(text, $"efficiency, then an open-loop run ({options.Rate} requests/s on a fixed schedule, {options.Seconds} s, latency from the intended send time).");
        Line(text, "Medians across rounds, with the lowest and highest in brackets. The driver runs on the same 2 cores, as does the backend.");
        Line(text, "");
        Line(text, "| target | requests/s | requests per CPU-second of the target | p50 ms | p99 ms | p99.9 ms | RSS idle | RSS peak under load | failed |");
        Line(text, "|---|---|---|---|---|---|---|---|---|");
        foreach (var target in targets)
        {
            var rows = measurements.Where(m => m.Target == target.Name).ToList();
            Line(text, $"| {target.Name} | {Spread(rows, m => m.RequestsPerSecond, "0")} | {Spread(rows, m => m.RequestsPerCpuSecond, "0")} | " +
                $"{Spread(rows, m => m.P50Ms, "0.00")} | {Spread(rows, m => m.P99Ms, "0.00")} | {Spread(rows, m => m.P999Ms, "0.00")} | " +
                $"{Mib(target.IdleResidentBytes)} | {Mib(rows.Max(m => m.PeakResidentBytes))} | {rows.Sum(m => m.Failed)} |");
        }

        Line(text, "");
        Line(text, "Ratios of the medians (gateway / other): requests per CPU-second, higher is better; p99, lower is better.");
        Line(text, "");
        Line(text, "| gateway vs. | requests per CPU-second | p99 |");
        Line(text, "|---|---|---|");
        foreach (var other in new[] { "nginx", "haproxy", "direct" })
        {
            Line(text, $"| {other} | {Ratio(measurements, "gateway", other, m => m.RequestsPerCpuSecond):0.00}x | {Ratio(measurements, "gateway", other, m => m.P99Ms):0.00}x |");
        }

        Line(text, "");
        var sorted = startup.Order().ToList();
        Line(text, $"Gateway start to first proxied 200 (fresh process, {sorted.Count} starts): median {Ms(sorted[sorted.Count / 2])} ms " +
            $"[{Ms(sorted[0])}–{Ms(sorted[^1])}].");
        Line(text, "");
        PerRoundAndMachine(text, targets, measurements);
        return text.ToString();
    }

    /// <summary>Every round's figures, then the machine and the peers' versions: the end of both reports.</summary>
    internal static void PerRoundAndMachine(StringBuilder text, IReadOnlyList<Target> targets, IReadOnlyList<Measurement> measurements)
    {
        Line(text, "Per round:");
        Line(text, "");
        Line(text, "| round | target | requests/s | requests/CPU-s | p50 ms | p99 ms | p99.9 ms |");
        Line(text, "|---|---|---|---|---|---|---|");
        foreach (var m in measurements)
        {
            Line(text, $"| {m.Round} | {m.Target} | {m.RequestsPerSecond:0} | {m.RequestsPerCpuSecond:0} | {m.P50Ms:0.00} | {m.P99Ms:0.00} | {m.P999Ms:0.00} |");
        }

        Line(text, "");
        Line(text, "Machine:");
        Line(text, "");
        Line(text, $"- {Environment.ProcessorCount} cores, {MachineFacts.Cpu()}, {MachineFacts.TotalMemory()}; {MachineFacts.OperatingSystem()}");
        Line(text, $"- {RuntimeInformation.FrameworkDescription}; {string.Join("; ", targets.Where(t => t.Name is "nginx" or "haproxy").Select(t => t.Version))}");
        Line(text, $"- load average at the end: {MachineFacts.LoadAverage()}");
    }

    internal static string Spread(List<Measurement> rows, Func<Measurement, double> value, string format)
    {
        var values = rows.Select(value).Order().ToList();
        return $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} [{values[0].ToString(format, CultureInfo.InvariantCulture)}–{values[^1].ToString(format, CultureInfo.InvariantCulture)}]";
    }

    internal static double Ratio(IReadOnlyList<Measurement> measurements, string target, string other, Func<Measurement, double> value) =>
        Median([.. measurements.Where(m => m.Target == target).Select(value).Order()])
        / Median([.. measurements.Where(m => m.Target == other).Select(value).Order()]);

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    internal static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0} MiB";

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    internal static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

using System.Text;
using static Shop.Bench.Gateway.GatewayReport;

namespace Shop.Bench.Gateway;

/// <summary>The tuning run as markdown: each gateway variant against the baseline and nginx, measured in the same rounds.</summary>
public static class TuningReport
{
    public static string Render(
        GatewayBenchOptions options, DateTimeOffset started, TimeSpan duration, IReadOnlyList<Target> targets, IReadOnlyList<Measurement> measurements)
    {
        var text = new StringBuilder();
        Line(text, "# Gateway tuning");
        Line(text, "");
        Line(text, $"Measured {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC with `bash bench/gateway.sh {options.CommandLine()}` ({duration.TotalMinutes:0} min).");
        Line(text, "The gateway as deployed and with one change each (environment variables on top of its production settings, as in");
        Line(text, $"[gateway.md](gateway.md)), next to nginx, all in front of the same backend and measured, after a {GatewayBenchOptions.Warmup.TotalSeconds:0} s warm-up each, in the same {options.Rounds} interleaved rounds:");
        Line(text, $"a closed-loop run ({options.Connections} connections, {options.Seconds} s) for requests per CPU-second of the proxy process, then an");
        Line(text, $"open-loop run ({options.Rate} requests/s, {options.Seconds} s) for latency. Medians, lowest and highest in brackets.");
        Line(text, "");
        Line(text, "| variant | change | requests per CPU-second | vs. baseline | vs. nginx | p99 ms | p99 vs. nginx | RSS peak | failed |");
        Line(text, "|---|---|---|---|---|---|---|---|---|");
        foreach (var target in targets)
        {
            var rows = measurements.Where(m => m.Target == target.Name).ToList();
            var change = GatewayVariants.All.FirstOrDefault(v => v.Name == target.Name)?.Change ?? "the reference";
            Line(text, $"| {target.Name} | {change} | {Spread(rows, m => m.RequestsPerCpuSecond, "0")} | " +
                $"{BaselineRatio(measurements, target.Name)} | " +
                $"{Ratio(measurements, target.Name, "nginx", m => m.RequestsPerCpuSecond):0.00}x | {Spread(rows, m => m.P99Ms, "0.00")} | " +
                $"{Ratio(measurements, target.Name, "nginx", m => m.P99Ms):0.00}x | {Mib(rows.Max(m => m.PeakResidentBytes))} | {rows.Sum(m => m.Failed)} |");
        }

        Line(text, "");
        PerRoundAndMachine(text, targets, measurements);
        return text.ToString();
    }

    private static string BaselineRatio(IReadOnlyList<Measurement> measurements, string target) =>
        measurements.Any(m => m.Target == GatewayVariants.AsDeployed.Name)
            ? $"{Ratio(measurements, target, GatewayVariants.AsDeployed.Name, m => m.RequestsPerCpuSecond):0.00}x"
            : "not measured";
}

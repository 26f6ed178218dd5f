using System.Runtime.InteropServices;
using System.Text;
using HdrHistogram;

namespace Shop.Bench.Saga;

/// <summary>One rate's figures: the orders' times, and what each part of the shop spent.</summary>
public sealed record RateFigures(RunResult Run, HistogramBase MotoCall, IReadOnlyDictionary<string, double> CpuShare, TimeSpan Wall);

public static class SagaReport
{
    public static string Render(SagaBenchOptions options, DateTimeOffset started, TimeSpan duration, IReadOnlyList<RateFigures> rates)
    {
        var text = new StringBuilder();
        Line(text, "# Saga benchmark");
        Line(text, "");
        Line(text, $"Measured {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC with `bash bench/saga.sh {options.CommandLine()}` ({duration.TotalMinutes:0} min), against the");
        Line(text, "shop the README's run command starts (`dotnet run --project tools/Shop.AppHost`: every service, PostgreSQL and the moto");
        Line(text, "server on this machine). Orders of one line, from 20 customers, leave on a fixed schedule (open loop) through the gateway.");
        Line(text, "Time from POST to final state: from when the order was due to leave (so queueing anywhere shows) to its final transition,");
        Line(text, "which the order records (`updatedAt` once Confirmed or Cancelled; same machine, same clock); the driver lists each customer's");
        Line(text, "newest orders once a second to learn which finished (about 20 reads a second, however many are in flight). Failed: not");
        Line(text, "accepted, or not finished within 120 s of the last order. Achieved rate: accepted");
        Line(text, "orders per second of the run.");
        Line(text, "");
        Line(text, "| target orders/s | achieved | orders | confirmed | cancelled | failed | p50 ms | p95 ms | p99 ms | max ms | moto call p50 / p99 ms |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var rate in rates)
        {
            var run = rate.Run;
            Line(text, $"| {run.TargetRate:0.#} | {run.AchievedRate:0.00} | {run.Scheduled} | {run.Confirmed} | {run.Cancelled} | {run.Failed} | " +
                $"{Ms(run.PostToFinal, 50)} | {Ms(run.PostToFinal, 95)} | {Ms(run.PostToFinal, 99)} | {run.PostToFinal.GetMaxValue()} | " +
                $"{rate.MotoCall.GetValueAtPercentile(50) / 1000.0:0.0} / {rate.MotoCall.GetValueAtPercentile(99) / 1000.0:0.0} |");
        }

        Line(text, "");
        Line(text, "CPU used during each run, as a share of one core (the machine has " + Environment.ProcessorCount + "):");
        Line(text, "");
        var components = ShopProcesses.Components.Select(c => c.Name).ToList();
        Line(text, $"| target orders/s | {string.Join(" | ", components)} |");
        Line(text, $"|---|{string.Concat(components.Select(_ => "---|"))}");
        foreach (var rate in rates)
        {
            Line(text, $"| {rate.Run.TargetRate:0.#} | {string.Join(" | ", components.Select(c => rate.CpuShare.TryGetValue(c, out var share) ? $"{share:P0}" : "n/a"))} |");
        }

        Line(text, "");
        Line(text, "Machine:");
        Line(text, "");
        Line(text, $"- {Environment.ProcessorCount} cores, {MachineFacts.Cpu()}, {MachineFacts.TotalMemory()}; {MachineFacts.OperatingSystem()}");
        Line(text, $"- {RuntimeInformation.FrameworkDescription}; load average at the end: {MachineFacts.LoadAverage()}");
        return text.ToString();
    }

    private static string Ms(HistogramBase histogram, double percentile) => histogram.GetValueAtPercentile(percentile).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}

using System.Globalization;
using System.Text;
using Shop.Messaging;

namespace Shop.Bench.Messaging;

/// <summary>The benchmark's result as Markdown: the setting, the medians with their spread per phase, every round.</summary>
public static class MessagingReport
{
    private const string Raw = "raw SDK";
    private const string Pipeline = "pipeline";

    public static string Render(
        BenchOptions options, MachineInfo machine, string loadAtEnd, DateTimeOffset started, TimeSpan duration, IReadOnlyList<RoundResult> results)
    {
        var text = new StringBuilder();
        Line(text, "# Messaging: pipeline vs. raw SQS SDK on one moto server");
        Line(text);
        Line(text, $"Measured {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC with `bash bench/messaging.sh {options.CommandLine()}` ({duration.TotalMinutes:0} min).");
        Line(text, "Every figure is the median of the rounds, with the lowest and highest round in brackets.");
        Line(text);
        Line(text, "| setting | value |");
        Line(text, "|---|---|");
        Line(text, $"| machine | {machine.Processors} CPUs ({machine.Cpu}), {machine.Memory} RAM, {machine.OperatingSystem} |");
        Line(text, $"| load average (1/5/15 min) | {machine.LoadAverage} before, {loadAtEnd} after |");
        Line(text, $"| .NET | {machine.Dotnet} |");
        Line(text, $"| AWS emulator | moto {machine.Moto}: one moto_server on 127.0.0.1, shared by both sides, one side at a time |");
        Line(text, $"| PostgreSQL | {machine.Postgres}, throwaway (the pipeline's outbox and inbox) |");
        Line(text, $"| pipeline consumer | Messaging:MaxConcurrency {options.MaxConcurrency?.ToString(CultureInfo.InvariantCulture) ?? $"{new MessagingOptions().MaxConcurrency} (the default)"} |");
        Line(text, $"| rounds | {options.Rounds}; each runs both sides on fresh queues, topics and databases, alternating which goes first{(options.Warmup > 0 ? $", after an unmeasured burst of {options.Warmup} per side" : "")} |");
        Line(text);

        var phases = results.Select(r => r.Result.Phase).DistinctBy(p => p.Name).ToList();
        Line(text, "## Medians [min–max]");
        Line(text);
        Line(text, $"| load | measure | {Raw} | {Pipeline} | pipeline vs. raw SDK |");
        Line(text, "|---|---|---:|---:|---:|");
        foreach (var phase in phases)
        {
            var raw = Of(results, Raw, phase);
            var pipeline = Of(results, Pipeline, phase);
            if (phase.IsBurst)
            {
                Row(text, phase.Name, "events/s, first offered to last applied", raw, pipeline, r => r.Throughput, "0.0", higherIsBetter: true);
                Row(text, "", "p50 offered → applied (s)", raw, pipeline, r => r.Percentile(0.5).TotalSeconds, "0.00", higherIsBetter: false);
                Row(text, "", "p99 offered → applied (s)", raw, pipeline, r => r.Percentile(0.99).TotalSeconds, "0.00", higherIsBetter: false);
                Row(text, "", "peak backlog (messages)", raw, pipeline, r => r.PeakBacklog, "0", higherIsBetter: false);
            }
            else
            {
                Row(text, phase.Name, "p50 due → applied (ms)", raw, pipeline, r => r.Percentile(0.5).TotalMilliseconds, "0", higherIsBetter: false);
                Row(text, "", "p99 due → applied (ms)", raw, pipeline, r => r.Percentile(0.99).TotalMilliseconds, "0", higherIsBetter: false);
                Row(text, "", "peak backlog (messages)", raw, pipeline, r => r.PeakBacklog, "0", higherIsBetter: false);
            }

            Row(text, "", "AWS requests per event", raw, pipeline, r => r.RequestsPerEvent, "0.00", higherIsBetter: false);
            Row(text, "", "moto CPU ms per event", raw, pipeline, r => r.MotoCpuMsPerEvent, "0.0", higherIsBetter: false);
            Row(text, "", "PostgreSQL CPU ms per event (the pipeline's alone)", raw, pipeline, r => r.PostgresCpuMsPerEvent, "0.0", higherIsBetter: null);
            Row(text, "", "benchmark process CPU ms per event", raw, pipeline, r => r.ProcessCpuMsPerEvent, "0.0", higherIsBetter: false);
        }

        Line(text);
        var duplicates = results.Where(r => r.Side == Raw).Sum(r => r.Result.Duplicates);
        Line(text, $"Events the raw SDK side handled twice (a redelivery it has no inbox to catch): {duplicates}. The pipeline checks after every round that each order's effect happened exactly once, and stops otherwise.");
        Line(text);
        Line(text, "## Every round");
        Line(text);
        Line(text, "| round | side | load | events/s | p50 (ms) | p99 (ms) | peak backlog | requests/event | CPU ms/event: moto, PostgreSQL, process |");
        Line(text, "|---:|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var p = r.Result;
            Line(text, Invariant($"| {r.Round} | {r.Side} | {p.Phase.Name} | {p.Throughput:0.0} | {p.Percentile(0.5).TotalMilliseconds:0} | {p.Percentile(0.99).TotalMilliseconds:0} | {p.PeakBacklog} | {p.RequestsPerEvent:0.00} | {p.MotoCpuMsPerEvent:0.0}, {p.PostgresCpuMsPerEvent:0.0}, {p.ProcessCpuMsPerEvent:0.0} |"));
        }

        Line(text);
        Line(text, "## How it is measured");
        Line(text);
        Line(text, """
            - **raw SDK**: the plain AWS SDK way on one SQS queue: SendMessage once per event (the body and the six attributes the
              shop's envelope carries); one receiver long-polls ReceiveMessage for up to 10 and calls DeleteMessage once per message.
            - **pipeline**: the shop's messaging layer in two generic hosts wired as services are: an ordering node commits each event
              through its outbox (one transaction per event), its dispatcher relays them with SNS PublishBatch, SNS delivers them
              to the catalog queue (raw delivery, filter policy on `type`), and a catalog node applies each through its inbox
              (an inbox row and the handler's row in one transaction) and deletes them with DeleteMessageBatch.
            - **Loads**, the same for both sides: a *burst* offers every event at once, handed over by 10 concurrent callers (commits
              on one side, SendMessage calls on the other); a *fixed rate* offers event i at i / rate seconds on an open-loop
              schedule, each offer on its own, whether or not the side keeps up.
            - **Latency** runs from when an event was due (its scheduled time; the burst's start) to when its handler finished:
              for the pipeline, the end of the consumer span, after the inbox transaction commits; for the raw SDK, after parsing,
              before its delete. A side that falls behind its schedule pays for it in latency.
            - **Requests** are every HTTP request each side's own SNS and SQS clients sent, counted in the clients, from the phase's
              start until the queue was empty again (idle long polls included); the benchmark's own backlog samples are not counted.
              **CPU** is user plus system time over the same interval (`/proc/PID/stat`) of the emulator, of PostgreSQL (the
              postmaster and its backends; only the pipeline uses it) and of the benchmark process (both sides' clients, the
              pipeline's hosts, and the benchmark's own driving and sampling, alike for both), per event.
            - **Backlog** is sampled twice a second: events taken but not yet deleted from the queue (the outbox, plus the queue's
              visible and in-flight messages).
            - moto is a single Python process: a side's throughput is bounded by its CPU cost per event, and its SQS receive slows
              as the queue grows (each message received re-reads every queue attribute, which scans the whole queue), so a side
              that lets a backlog build pays for it on every later receive. The absolute rates are moto's, far below AWS; the ratios
              compare the two sides on the same emulator.
            """);
        return text.ToString();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<PhaseResult> Of(IReadOnlyList<RoundResult> results, string side, Phase phase) =>
        [.. results.Where(r => r.Side == side && r.Result.Phase.Name == phase.Name).Select(r => r.Result)];

    /// <param name="higherIsBetter">Null where the two sides' figures do not compare.</param>
    private static void Row(
        StringBuilder text, string load, string measure, List<PhaseResult> raw, List<PhaseResult> pipeline, Func<PhaseResult, double> value, string format, bool? higherIsBetter)
    {
        var comparison = higherIsBetter is { } higher ? Compare(Median(raw.Select(value)), Median(pipeline.Select(value)), higher) : "–";
        Line(text, $"| {load} | {measure} | {Spread(raw, value, format)} | {Spread(pipeline, value, format)} | {comparison} |");
    }

    private static string Spread(List<PhaseResult> results, Func<PhaseResult, double> value, string format)
    {
        var values = results.Select(value).ToList();
        return Invariant($"{Median(values).ToString(format, CultureInfo.InvariantCulture)} [{values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)}]");
    }

    /// <summary>How many times better the pipeline's median is than the raw SDK's (below 1: worse).</summary>
    private static string Compare(double raw, double pipeline, bool higherIsBetter)
    {
        if (raw <= 0 || pipeline <= 0)
        {
            return "–";
        }

        var factor = higherIsBetter ? pipeline / raw : raw / pipeline;
        return Invariant($"{factor:0.00}x {(factor >= 1 ? "better" : "worse")}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}

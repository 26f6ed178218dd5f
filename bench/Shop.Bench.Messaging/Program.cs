using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Shop.LocalRunner;

namespace Shop.Bench.Messaging;

// A named class rather than top-level statements, like the local runner this project references.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (BenchOptions.Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine(error.Length > 0 ? error + Environment.NewLine + BenchOptions.Usage : BenchOptions.Usage);
            return error.Length > 0 ? 2 : 0;
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        try
        {
            var report = await RunAsync(options, stop.Token);
            var output = Path.GetFullPath(options.Output, RepositoryRoot.Find());
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report, CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"» Written to {output}");
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled; nothing written.");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"The benchmark failed, nothing written: {e}");
            return 1;
        }
    }

    private static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // At least one event per second, or a round is reported as failed rather than as a rate.
        var timeout = TimeSpan.FromSeconds(60 + options.Events);

        Progress("Starting PostgreSQL and moto_server");
        await using var servers = await BenchServers.StartAsync(cancellationToken);
        var machine = await MachineInfo.ReadAsync(servers, cancellationToken);
        Progress($"moto on {servers.Moto.Endpoint}, PostgreSQL on port {servers.Postgres.Port}");

        var peer = new RawSqsPeer(servers);
        var pipeline = new PipelineSide(servers);
        if (options.Warmup > 0)
        {
            Progress($"Warm-up (not measured): {options.Warmup} messages and events per side");
            await peer.RunAsync(0, options.Warmup, timeout, cancellationToken);
            await pipeline.RunAsync(0, options.Warmup, options.EventsPerTransaction, timeout, cancellationToken);
        }

        var peerRounds = new List<PeerRound>();
        var pipelineRounds = new List<PipelineRound>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            Progress($"Round {round}/{options.Rounds}, raw SDK: {options.Events} messages");
            var p = await peer.RunAsync(round, options.Events, timeout, cancellationToken);
            peerRounds.Add(p);
            Progress($"  {p.Rate:0.0} msg/s (sends done {p.SendsDone.TotalSeconds:0.0} s, last delete {p.Elapsed.TotalSeconds:0.0} s, peak backlog {p.PeakBacklog})");

            Progress($"Round {round}/{options.Rounds}, pipeline: {options.Events} events, {options.EventsPerTransaction} per transaction");
            var q = await pipeline.RunAsync(round, options.Events, options.EventsPerTransaction, timeout, cancellationToken);
            pipelineRounds.Add(q);
            Progress($"  {q.Rate:0.0} events/s (committed {q.Committed.TotalSeconds:0.00} s, outbox empty {q.Relayed.TotalSeconds:0.0} s, last applied {q.Elapsed.TotalSeconds:0.0} s, peak backlog {q.PeakBacklog})");
        }

        return MessagingReport.Render(options, machine, started, clock.Elapsed, peerRounds, pipelineRounds);
    }

    private static void Progress(string message) => Console.WriteLine($"» {DateTime.Now:HH:mm:ss} {message}");
}

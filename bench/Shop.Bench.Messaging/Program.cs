using Shop.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Shop.LocalServers;

namespace Shop.Bench.Messaging;

// A named class rather than top-level statements: a global Program type could collide with a referenced one.
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
        Progress("Starting PostgreSQL and moto_server");
        await using var servers = await BenchServers.StartAsync(cancellationToken);
        var machine = await MachineInfo.ReadAsync(servers, cancellationToken);
        Progress($"moto on {servers.Moto.Endpoint} (pid {servers.Moto.Process.ProcessId}), PostgreSQL on port {servers.Postgres.Port}");

        ISide[] sides = [new RawSqsSide(servers), new PipelineSide(servers, options.MaxConcurrency)];
        var runner = new PhaseRunner(servers);
        if (options.Warmup > 0)
        {
            foreach (var side in sides)
            {
                Progress($"Warm-up (not measured), {side.Name}: a burst of {options.Warmup}");
                await RunRoundAsync(runner, side, 0, [Phase.Burst(options.Warmup)], cancellationToken);
            }
        }

        var results = new List<RoundResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate which side goes first, so that a drift in the machine's load falls on both alike.
            foreach (var side in round % 2 == 1 ? sides : [sides[1], sides[0]])
            {
                foreach (var result in await RunRoundAsync(runner, side, round, options.Phases(options.Burst), cancellationToken))
                {
                    results.Add(new RoundResult(round, side.Name, result));
                }
            }
        }

        return MessagingReport.Render(options, machine, MachineFacts.LoadAverage(), started, clock.Elapsed, results);
    }

    private static async Task<List<PhaseResult>> RunRoundAsync(PhaseRunner runner, ISide side, int round, IEnumerable<Phase> phases, CancellationToken cancellationToken)
    {
        var results = new List<PhaseResult>();
        await using var session = await side.StartAsync(BenchServers.NewPrefix(side.Name, round), cancellationToken);
        foreach (var phase in phases)
        {
            var result = await runner.RunAsync(session, phase, cancellationToken);
            results.Add(result);
            Progress(
                $"  round {round}, {side.Name}, {phase.Name}: {result.Throughput:0.0} events/s, p50 {result.Percentile(0.5).TotalMilliseconds:0} ms, " +
                $"p99 {result.Percentile(0.99).TotalMilliseconds:0} ms, peak backlog {result.PeakBacklog}, {result.RequestsPerEvent:0.00} requests/event, " +
                $"moto {result.MotoCpuMsPerEvent:0.0} CPU ms/event, load {MachineFacts.LoadAverage()}");
        }

        return results;
    }

    private static void Progress(string message) => Console.WriteLine($"» {DateTime.Now:HH:mm:ss} {message}");
}

/// <summary>One side's result for one phase of one round.</summary>
public sealed record RoundResult(int Round, string Side, PhaseResult Result);

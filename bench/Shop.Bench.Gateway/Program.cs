using System.Diagnostics;
using Shop.Bench;
using Shop.LocalServers;

namespace Shop.Bench.Gateway;

// The gateway against the backend alone, nginx and HAProxy, all in front of the same backend; writes bench/results/gateway.md.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        GatewayBenchOptions options;
        try
        {
            options = GatewayBenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var root = RepositoryRoot.Find();
        var work = Directory.CreateTempSubdirectory("shop-bench-gateway-").FullName;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var targets = new Targets(root, work);
            await using var backend = await targets.StartBackendAsync(stop.Token);
            var report = options.Tuning
                ? await TuneAsync(targets, backend, options, started, clock, stop.Token)
                : await CompareAsync(targets, backend, root, work, options, started, clock, stop.Token);
            var output = Path.GetFullPath(options.Output, root);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output, report, stop.Token);
            Console.WriteLine(report);
            Console.WriteLine($"Written to {output}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> CompareAsync(
        Targets targets, Target backend, string root, string work, GatewayBenchOptions options, DateTimeOffset started, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using var gateway = await targets.StartGatewayAsync(backend, GatewayVariants.AsDeployed, cancellationToken);
        await using var nginx = await targets.StartNginxAsync(backend, cancellationToken);
        await using var haproxy = await targets.StartHaproxyAsync(backend, cancellationToken);
        Target[] all = [backend, gateway, nginx, haproxy];
        var measurements = await MeasureRoundsAsync(all, options, cancellationToken);
        var startup = await StartupTimes.MeasureAsync(root, work, backend, options.StartupSamples, cancellationToken);
        return GatewayReport.Render(options, started, clock.Elapsed, all, measurements, startup);
    }

    private static async Task<string> TuneAsync(
        Targets targets, Target backend, GatewayBenchOptions options, DateTimeOffset started, Stopwatch clock, CancellationToken cancellationToken)
    {
        var all = new List<Target>();
        try
        {
            foreach (var variant in GatewayVariants.All.Where(v => options.Variants?.Contains(v.Name) ?? true))
            {
                all.Add(await targets.StartGatewayAsync(backend, variant, cancellationToken));
            }

            all.Add(await targets.StartNginxAsync(backend, cancellationToken));
            var measurements = await MeasureRoundsAsync(all, options, cancellationToken);
            return TuningReport.Render(options, started, clock.Elapsed, all, measurements);
        }
        finally
        {
            foreach (var target in all)
            {
                await target.DisposeAsync();
            }
        }
    }

    /// <summary>A warm-up per target, then the rounds, the targets interleaved within each.</summary>
    private static async Task<List<Measurement>> MeasureRoundsAsync(IReadOnlyList<Target> all, GatewayBenchOptions options, CancellationToken cancellationToken)
    {
        foreach (var target in all)
        {
            Console.WriteLine($"warming up {target.Name}");
            await Load.ClosedLoopAsync(new Uri(target.Url, Targets.Path), options.Connections, GatewayBenchOptions.Warmup, null, cancellationToken);
        }

        var measurements = new List<Measurement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in all)
            {
                var measurement = await MeasureAsync(target, round, options, cancellationToken);
                measurements.Add(measurement);
                Console.WriteLine(
                    $"round {round} {target.Name,-12} {measurement.RequestsPerSecond,8:0} req/s {measurement.RequestsPerCpuSecond,8:0} req/CPU-s " +
                    $"p50 {measurement.P50Ms:0.00} p99 {measurement.P99Ms:0.00} p99.9 {measurement.P999Ms:0.00} ms, failed {measurement.Failed}, load {MachineFacts.LoadAverage()}");
            }
        }

        return measurements;
    }

    private static async Task<Measurement> MeasureAsync(Target target, int round, GatewayBenchOptions options, CancellationToken cancellationToken)
    {
        var url = new Uri(target.Url, Targets.Path);
        var peak = 0L;
        var cpuBefore = CpuClock.Of(target.Process.ProcessId);
        var watch = Stopwatch.StartNew();
        var (ok, failed) = await Load.ClosedLoopAsync(
            url,
            options.Connections,
            TimeSpan.FromSeconds(options.Seconds),
            () => peak = Math.Max(peak, ProcessMemory.ResidentBytes(target.Process.ProcessId)),
            cancellationToken);
        var elapsed = watch.Elapsed;
        var cpu = CpuClock.Of(target.Process.ProcessId) - cpuBefore;

        var (latency, openFailed) = await Load.OpenLoopAsync(url, options.Rate, TimeSpan.FromSeconds(options.Seconds), cancellationToken);
        return new Measurement(
            target.Name,
            round,
            ok / elapsed.TotalSeconds,
            ok / Math.Max(cpu.TotalSeconds, 0.01),
            failed + openFailed,
            peak,
            latency.GetValueAtPercentile(50) / 1000.0,
            latency.GetValueAtPercentile(99) / 1000.0,
            latency.GetValueAtPercentile(99.9) / 1000.0);
    }
}

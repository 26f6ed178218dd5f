using System.Diagnostics;
using System.Globalization;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.TestSupport;

namespace Shop.EndToEnd.Tests.Faults;

/// <summary>A fault injected into the running shop while orders stream in; <see cref="InjectAsync"/> returns once it is over.</summary>
public abstract record Fault(string Id, string Name)
{
    /// <summary>How long the order stream runs; the fault starts <see cref="FaultTests.InjectAfter"/> into it.</summary>
    public virtual TimeSpan Stream => TimeSpan.FromSeconds(20);

    public abstract Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken);

    public override string ToString() => Id;

    public static IReadOnlyList<Fault> All { get; } =
    [
        .. new[] { "ordering", "catalog", "payment", "basket", "notification", "gateway" }.Select(s => new Kill(s)),
        new AwsOutage(TimeSpan.FromSeconds(20)),
        new PostgresRestart(),
        new Poison(),
        .. new[] { "ordering", "catalog", "payment", "basket", "notification" }.Select(s => new Terminate(s)),
    ];

    protected static ShopProcesses Processes(RunningShop shop) => new(shop.App ?? throw new InvalidOperationException("Faults need the shop the AppHost starts."));

    protected static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}

/// <summary><c>kill -9</c> of a service's process; the test restarts it, as an orchestrator would.</summary>
public sealed record Kill(string Service) : Fault($"kill-{Service}", $"kill -9 {Service}")
{
    public override async Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var processes = Processes(shop);
        var pid = await processes.PidAsync(Service, cancellationToken);
        var started = Stopwatch.StartNew();
        await ShopProcesses.SignalAsync(pid, "KILL", cancellationToken);
        await processes.WaitStoppedAsync(Service, cancellationToken);
        await processes.StartAsync(Service, pid, cancellationToken);
        run.Detail = $"healthy again after {Seconds(started.Elapsed)}";
    }
}

/// <summary>SIGTERM to a service while it consumes: it must finish what it holds and exit within the stop timeout.</summary>
public sealed record Terminate(string Service) : Fault($"sigterm-{Service}", $"SIGTERM {Service}")
{
    /// <summary>ECS's and Kubernetes' default time between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public override async Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var processes = Processes(shop);
        var pid = await processes.PidAsync(Service, cancellationToken);
        var queue = ShopTopology.Services.Single(s => s.Service == Service).Consumes!.Name;
        var inFlight = await InFlightAsync(shop.Queues!, queue, cancellationToken);
        var started = Stopwatch.StartNew();
        await ShopProcesses.SignalAsync(pid, "TERM", cancellationToken);
        while (!ShopProcesses.HasExited(pid) && started.Elapsed < StopTimeout + TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, cancellationToken);
        }

        var exited = started.Elapsed;
        if (!ShopProcesses.HasExited(pid))
        {
            run.FaultViolations.Add($"{Service} still ran {Seconds(exited)} after SIGTERM");
            await ShopProcesses.SignalAsync(pid, "KILL", cancellationToken);
        }
        else if (exited > StopTimeout)
        {
            run.FaultViolations.Add($"{Service} took {Seconds(exited)} to exit, more than the {StopTimeout.TotalSeconds} s stop timeout");
        }

        var exitCode = await processes.WaitStoppedAsync(Service, cancellationToken);
        if (exitCode is not (null or 0))
        {
            run.FaultViolations.Add($"{Service} exited with code {exitCode} after SIGTERM");
        }

        await processes.StartAsync(Service, pid, cancellationToken);
        run.Detail = $"{inFlight} messages received and not yet deleted at SIGTERM; exited {Seconds(exited)} after it (code {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}), healthy again after {Seconds(started.Elapsed)}";
    }

    /// <summary>
    /// Waits (up to 10 s) until the service has received a message it has not yet deleted, so that the signal lands
    /// while it consumes; answers how many it holds.
    /// </summary>
    private static async Task<int> InFlightAsync(QueueProbe queues, string queue, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        int held;
        while ((held = await queues.InFlightAsync(queue)) == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return held;
    }
}

/// <summary>The services' SNS, SQS and DynamoDB endpoint unreachable: the proxy in front of moto resets every connection.</summary>
public sealed record AwsOutage(TimeSpan Length) : Fault("aws-outage", $"AWS endpoint cut {Length.TotalSeconds:0} s")
{
    public override TimeSpan Stream => Length + TimeSpan.FromSeconds(10);

    public override async Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var proxy = shop.AwsProxy ?? throw new InvalidOperationException("Faults need the shop the AppHost starts.");
        proxy.Cut();
        try
        {
            await Task.Delay(Length, cancellationToken);
        }
        finally
        {
            proxy.Restore();
        }

        run.Detail = $"every connection reset for {Seconds(Length)}";
    }
}

/// <summary>PostgreSQL's fast shutdown (SIGINT to the postmaster: sessions are ended, transactions rolled back) and a start.</summary>
public sealed record PostgresRestart() : Fault("postgres-restart", "PostgreSQL fast restart")
{
    public override async Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var processes = Processes(shop);
        var pid = await processes.PidAsync("postgres", cancellationToken);
        var started = Stopwatch.StartNew();
        await ShopProcesses.SignalAsync(pid, "INT", cancellationToken);
        await processes.WaitStoppedAsync("postgres", cancellationToken);
        await processes.StartAsync("postgres", pid, cancellationToken);
        // The test's own pooled connections (the hostile-input snapshots) died with the server.
        Npgsql.NpgsqlConnection.ClearAllPools();
        run.Detail = $"accepting connections again after {Seconds(started.Elapsed)}";
    }
}

/// <summary>A message no consumer can read, straight into each queue: each must end in its DLQ, and nothing else may.</summary>
public sealed record Poison() : Fault("poison", "poison message in each queue")
{
    public override async Task InjectAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var queues = shop.Queues ?? throw new InvalidOperationException("Faults need the shop's queues.");
        foreach (var queue in ShopTopology.Queues)
        {
            var handled = queue.EventTypes.First();
            run.PoisonIds.Add(await queues.SendPoisonAsync(queue.Name, EventType.NameOf(handled), cancellationToken));
        }

        run.Detail = $"{run.PoisonIds.Count} messages with a body that is not JSON";
    }
}

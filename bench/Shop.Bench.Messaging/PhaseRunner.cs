using System.Diagnostics;
using Shop.Contracts.Events;

namespace Shop.Bench.Messaging;

/// <summary>Drives one phase's load into a side and measures it from the outside.</summary>
public sealed class PhaseRunner(BenchServers servers)
{
    private static readonly TimeSpan BacklogSampling = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProgressPolling = TimeSpan.FromMilliseconds(10);

    public async Task<PhaseResult> RunAsync(ISideSession side, Phase phase, CancellationToken cancellationToken)
    {
        var orders = Enumerable.Range(0, phase.Events)
            .Select(i => new OrderPlaced(Guid.NewGuid(), $"customer-{i % 100}", [new OrderLine(1 + (i % 50), 1)]))
            .ToList();
        var ids = orders.Select(o => o.OrderId).ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A side that cannot keep up still finishes: at least 5 events a second once everything is offered.
        deadline.CancelAfter(TimeSpan.FromSeconds(60) + phase.DueAt(phase.Events) + TimeSpan.FromSeconds(phase.Events / 5.0));

        var requestsBefore = side.Requests.Count;
        var cpuBefore = CpuUse.Read(servers);
        var start = Stopwatch.GetTimestamp();
        var peak = new PeakBacklog();
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var sampler = SampleBacklogAsync(side, peak, sampling.Token);
        try
        {
            await OfferAsync(side, phase, orders, start, deadline.Token);
            while (!side.Deliveries.AllApplied(ids))
            {
                await Task.Delay(ProgressPolling, deadline.Token);
            }

            var elapsed = Stopwatch.GetElapsedTime(start, side.Deliveries.LastApplied(ids));

            // The deletes that follow the last handler belong to this phase too.
            while (await side.BacklogAsync(deadline.Token) > 0)
            {
                await Task.Delay(ProgressPolling, deadline.Token);
            }

            var requests = side.Requests.Count - requestsBefore;
            var cpu = CpuUse.Read(servers) - cpuBefore;
            await sampling.CancelAsync();
            await sampler;
            await side.VerifyAsync(orders, deadline.Token);
            return new PhaseResult(phase, elapsed, side.Deliveries.Latencies(ids), peak.Value, requests, cpu, side.Deliveries.Duplicates);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{phase.Name}: {ids.Count(id => side.Deliveries.AllApplied([id]))} of {phase.Events} events applied in time.");
        }
    }

    /// <summary>Offers each event when it is due, without waiting for earlier offers: an open loop.</summary>
    private static async Task OfferAsync(ISideSession side, Phase phase, List<OrderPlaced> orders, long start, CancellationToken cancellationToken)
    {
        using var concurrency = new SemaphoreSlim(phase.IsBurst ? Phase.BurstConcurrency : int.MaxValue);
        var offers = new List<Task>(orders.Count);
        for (var i = 0; i < orders.Count; i++)
        {
            var due = phase.DueAt(i);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            side.Deliveries.Offered(orders[i].OrderId, start + (long)(due.TotalSeconds * Stopwatch.Frequency));
            await concurrency.WaitAsync(cancellationToken);
            offers.Add(OfferOneAsync(side, orders[i], concurrency, cancellationToken));
        }

        await Task.WhenAll(offers);
    }

    private static async Task OfferOneAsync(ISideSession side, OrderPlaced order, SemaphoreSlim concurrency, CancellationToken cancellationToken)
    {
        try
        {
            await side.OfferAsync(order, cancellationToken);
        }
        finally
        {
            concurrency.Release();
        }
    }

    private static async Task SampleBacklogAsync(ISideSession side, PeakBacklog peak, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                peak.Observe(await side.BacklogAsync(cancellationToken));
                await Task.Delay(BacklogSampling, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private sealed class PeakBacklog
    {
        public int Value { get; private set; }

        public void Observe(int backlog) => Value = Math.Max(Value, backlog);
    }
}

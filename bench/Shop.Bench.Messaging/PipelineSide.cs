using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;

namespace Shop.Bench.Messaging;

/// <summary>One round of the pipeline, with the moments its three stages were seen to finish.</summary>
public sealed record PipelineRound(int Events, TimeSpan Elapsed, TimeSpan Committed, TimeSpan Relayed, int PeakBacklog)
{
    public double Rate => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// The shop's way: an ordering node commits OrderPlaced events through its outbox, its dispatcher relays them to the
/// ordering-events topic with PublishBatch, SNS fans them out to the catalog queue, and a catalog node consumes them
/// through its inbox with a handler that records each order.
/// </summary>
public sealed class PipelineSide(BenchServers servers)
{
    /// <summary>How often the databases are asked for progress: the resolution of the measured end.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly ServiceTopology Publisher = new("ordering", ShopTopology.OrderingEvents, null);
    private static readonly ServiceTopology Consumer = new("catalog", null, ShopTopology.CatalogQueue);

    public async Task<PipelineRound> RunAsync(int round, int events, int perTransaction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var prefix = BenchServers.NewPrefix("pipeline", round);
        await using var publisher = await StartNodeAsync(Publisher, prefix, cancellationToken);
        await using var consumer = await StartNodeAsync(Consumer, prefix, cancellationToken);
        var orders = Enumerable.Range(0, events)
            .Select(i => new OrderPlaced(Guid.NewGuid(), $"customer-{i % 100}", [new OrderLine(1 + (i % 50), 1)]))
            .ToList();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        foreach (var transaction in orders.Chunk(perTransaction))
        {
            await publisher.PublishAsync(transaction);
        }

        var committed = clock.Elapsed;
        TimeSpan? relayed = null;
        var unrelayed = events;
        var applied = 0;
        var peakBacklog = 0;
        try
        {
            while (true)
            {
                if (relayed is null && (unrelayed = await publisher.OutboxCountAsync(deadline.Token)) == 0)
                {
                    relayed = clock.Elapsed;
                }

                applied = await consumer.InboxCountAsync(deadline.Token);
                peakBacklog = Math.Max(peakBacklog, events - unrelayed - applied);
                if (applied >= events)
                {
                    break;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Pipeline round {round}: {applied} of {events} events applied within {timeout.TotalSeconds:0} s.");
        }

        var elapsed = clock.Elapsed;
        await VerifyEachAppliedOnceAsync(consumer, orders);
        return new PipelineRound(events, elapsed, committed, relayed ?? elapsed, peakBacklog);
    }

    private async Task<BenchNode> StartNodeAsync(ServiceTopology topology, string prefix, CancellationToken cancellationToken)
    {
        var database = $"{prefix}-{topology.Service}";
        await servers.Postgres.CreateDatabaseAsync(database, cancellationToken);
        return await BenchNode.StartAsync(topology, servers.AwsEnvironment, prefix, servers.Postgres.ConnectionString(database));
    }

    // A rate is only worth reporting if the work was done: every order applied, none twice.
    private static async Task VerifyEachAppliedOnceAsync(BenchNode consumer, List<OrderPlaced> orders)
    {
        var applications = await consumer.QueryAsync(db => db.AppliedOrders.ToDictionaryAsync(o => o.OrderId, o => o.Applications));
        var missing = orders.Count(o => !applications.ContainsKey(o.OrderId));
        var twice = applications.Values.Count(n => n != 1);
        if (missing > 0 || twice > 0 || applications.Count != orders.Count)
        {
            throw new InvalidOperationException(
                $"The pipeline's effects are wrong: {missing} orders missing, {twice} applied more than once, {applications.Count} recorded for {orders.Count} published.");
        }
    }
}

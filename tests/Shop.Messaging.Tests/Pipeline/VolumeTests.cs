using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Inbox;
using Shop.Messaging.Provisioning;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>The suite's longest test (about 30 s); skip it locally with <c>dotnet test --filter "Category!=Volume"</c>.</summary>
[Trait("Category", "Volume")]
public sealed class VolumeTests(PostgresFixture postgres, MotoFixture moto)
{
    private const int EventsPerPublisher = 1_000;
    private const int EventsPerTransaction = 10;

    [Fact]
    public async Task Two_thousand_events_from_two_publishers_with_failing_handlers_are_each_applied_exactly_once()
    {
        var environment = PipelineEnvironment.Create(moto.Settings) with
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(500),
            // Six receive loops per consumer keep the queue short; moto's receives slow down as its queue grows
            // (3 min with the default two, 30 s with six).
            Overrides = new Dictionary<string, string?> { ["Messaging:MaxConcurrency"] = "60" },
        };
        var orderingDb = await postgres.CreateDatabaseAsync("volume_ordering");
        var catalogDb = await postgres.CreateDatabaseAsync("volume_catalog");
        var ordering = new ServiceTopology("ordering", ShopTopology.OrderingEvents, null);
        var catalog = new ServiceTopology("catalog", null, ShopTopology.CatalogQueue);
        var failures = FailureInjector.Randomly(share: 0.1, maxFailures: 2, seed: 2026);
        using var topic = new MessagingMeasurements($"{environment.Prefix}-ordering-events");

        // Two replicas of each service over one database each: SKIP LOCKED and the inbox's key keep them apart.
        await using var publisherA = await PipelineNode.StartAsync(ordering, environment, orderingDb);
        await using var publisherB = await PipelineNode.StartAsync(ordering, environment, orderingDb);
        await publisherA.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(catalog, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await using var consumerA = await PipelineNode.StartAsync(catalog, environment, catalogDb, failures);
        await using var consumerB = await PipelineNode.StartAsync(catalog, environment, catalogDb, failures);

        var orders = Enumerable.Range(0, 2 * EventsPerPublisher).Select(_ => new OrderPlaced(Guid.NewGuid(), "c-v", [new OrderLine(1, 1)])).ToList();
        await Task.WhenAll(
            PublishAllAsync(publisherA, orders.Take(EventsPerPublisher)),
            PublishAllAsync(publisherB, orders.Skip(EventsPerPublisher)));

        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);
        try
        {
            await Poll.UntilAsync(
                () => consumerA.QueryAsync(db => db.Set<InboxMessage>().CountAsync()),
                applied => applied == orders.Count,
                TimeSpan.FromMinutes(8),
                "every event to be applied",
                TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException timeout)
        {
            // Where the missing events are: still in the outbox, in the queue, or dead-lettered.
            throw new TimeoutException(
                $"{timeout.Message}; outbox {await publisherA.OutboxCountAsync()}, queue {await reader.DepthAsync("catalog")}, " +
                $"dead letters {await reader.DepthAsync("catalog-dlq")}, failures injected {failures.Injected}", timeout);
        }

        var applications = await consumerA.QueryAsync(db => db.AppliedOrders.ToDictionaryAsync(o => o.OrderId, o => o.Applications));
        applications.Count.ShouldBe(orders.Count);
        applications.Values.ShouldAllBe(n => n == 1);
        failures.Injected.ShouldBeGreaterThan(100, "about a tenth of the events should have failed once or twice");
        applications.Keys.Order().ShouldBe(orders.Select(o => o.OrderId).Order());
        (await publisherA.OutboxCountAsync()).ShouldBe(0);
        topic.Total("shop.messaging.published").ShouldBe(orders.Count, "two dispatchers on one outbox never publish a row twice (SKIP LOCKED)");
        (await reader.DepthAsync("catalog-dlq")).ShouldBe(0);
        await Poll.UntilAsync(() => reader.DepthAsync("catalog"), n => n == 0, TimeSpan.FromSeconds(30), "the last deletes");
    }

    private static async Task PublishAllAsync(PipelineNode publisher, IEnumerable<OrderPlaced> orders)
    {
        foreach (var transaction in orders.Chunk(EventsPerTransaction))
        {
            await publisher.PublishAsync(transaction);
        }
    }
}

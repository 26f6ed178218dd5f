using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Inbox;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Sns;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

public sealed class CrashRecoveryTests(PostgresFixture postgres, MotoFixture moto)
{
    private static readonly ServiceTopology Ordering = new("ordering", ShopTopology.OrderingEvents, null);
    private static readonly ServiceTopology Catalog = new("catalog", null, ShopTopology.CatalogQueue);

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 6)]
    public async Task Events_outlive_a_dispatcher_that_dies_mid_batch_and_are_applied_exactly_once(bool diedAfterSnsAccepted, int deliveries)
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        var orderingDb = await postgres.CreateDatabaseAsync("crash_ordering");
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);
        var orders = Enumerable.Range(0, 3).Select(_ => new OrderPlaced(Guid.NewGuid(), "c-1", [new OrderLine(1, 1)])).ToArray();

        DyingSnsClient? dying = null;
        await using (var doomed = await PipelineNode.StartAsync(
            Ordering, environment, orderingDb, configure: s => s.Wrap<ISnsClient>(inner => dying = new DyingSnsClient(inner, diedAfterSnsAccepted))))
        {
            await doomed.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(Catalog, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            await doomed.PublishAsync(orders);

            await Poll.UntilAsync(() => Task.FromResult(dying!.Batches), n => n >= 2, TimeSpan.FromSeconds(20), "the dead dispatcher to try again");
            (await doomed.OutboxCountAsync()).ShouldBe(3, "nothing may leave the outbox before its commit");
            (await reader.DepthAsync("catalog")).ShouldBe(diedAfterSnsAccepted ? 3 : 0);
        }

        await using (var restarted = await PipelineNode.StartAsync(Ordering, environment, orderingDb))
        {
            await Poll.UntilAsync(restarted.OutboxCountAsync, n => n == 0, TimeSpan.FromSeconds(20), "the restarted dispatcher to publish");
        }

        (await reader.DepthAsync("catalog")).ShouldBe(deliveries);

        await using var catalog = await PipelineNode.StartAsync(Catalog, environment, await postgres.CreateDatabaseAsync("crash_catalog"));
        await Poll.UntilAsync(() => reader.DepthAsync("catalog"), n => n == 0, TimeSpan.FromSeconds(30), "the consumer to drain its queue");

        var applied = await catalog.QueryAsync(db => db.AppliedOrders.ToDictionaryAsync(o => o.OrderId, o => o.Applications));
        applied.ShouldBe(orders.ToDictionary(o => o.OrderId, _ => 1), ignoreOrder: true);
        (await catalog.QueryAsync(db => db.Set<InboxMessage>().CountAsync())).ShouldBe(3);
    }
}

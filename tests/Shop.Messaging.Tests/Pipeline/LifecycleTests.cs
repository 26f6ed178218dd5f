using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Provisioning;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

public sealed class LifecycleTests(PostgresFixture postgres, MotoFixture moto)
{
    private static readonly ServiceTopology Ordering = new("ordering", ShopTopology.OrderingEvents, null);
    private static readonly ServiceTopology Catalog = new("catalog", null, ShopTopology.CatalogQueue);

    [Fact]
    public async Task A_commit_wakes_the_dispatcher_without_waiting_for_its_poll()
    {
        var environment = PipelineEnvironment.Create(moto.Settings) with
        {
            Overrides = new Dictionary<string, string?> { ["Messaging:OutboxPollInterval"] = "00:05:00" },
        };
        var claims = new OutboxClaimCounter();
        await using var ordering = await PipelineNode.StartAsync(
            Ordering, environment, await postgres.CreateDatabaseAsync("wake"), configure: services => claims.AttachTo(services));
        await ordering.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(Catalog, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);

        // The first pass found nothing: from here only the commit signal or the 5-minute poll can start another.
        await Poll.UntilAsync(() => Task.FromResult(claims.Count), n => n == 1, TimeSpan.FromSeconds(20), "the dispatcher's first, empty pass");
        await ordering.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c-w", [new OrderLine(1, 1)]));

        await Poll.UntilAsync(() => reader.DepthAsync("catalog"), n => n == 1, TimeSpan.FromSeconds(20), "the committed event to be published");
        claims.Count.ShouldBe(2, "one pass, woken by the commit");
    }

    [Fact]
    public async Task A_handler_slower_than_the_visibility_timeout_runs_once()
    {
        var environment = PipelineEnvironment.Create(moto.Settings) with
        {
            Overrides = new Dictionary<string, string?> { ["Messaging:VisibilityTimeout"] = "00:00:05" },
        };
        var probe = new HandlerProbe(TimeSpan.FromSeconds(12));
        using var measurements = new MessagingMeasurements($"{environment.Prefix}-catalog");
        await using var ordering = await PipelineNode.StartAsync(Ordering, environment, await postgres.CreateDatabaseAsync("slow_ordering"));
        await using var catalog = await PipelineNode.StartAsync(Catalog, environment, await postgres.CreateDatabaseAsync("slow_catalog"), probe: probe);

        await ordering.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c-s", [new OrderLine(1, 1)]));
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);
        await Poll.UntilAsync(() => catalog.QueryAsync(db => db.AppliedOrders.CountAsync()), n => n == 1, TimeSpan.FromSeconds(40), "the slow handler to finish");
        await Poll.UntilAsync(() => reader.DepthAsync("catalog"), n => n == 0, TimeSpan.FromSeconds(20), "every delivery of it to be deleted");

        // Redelivered, it would be consumed a second time (as a duplicate the inbox skips): once means it stayed invisible.
        measurements.Total("shop.messaging.consumed").ShouldBe(1);
        probe.Started.ShouldBe(1);
    }

    [Fact]
    public async Task Stopping_lets_the_in_flight_handler_finish_and_receives_nothing_more()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        var probe = new HandlerProbe(TimeSpan.FromSeconds(3));
        await using var ordering = await PipelineNode.StartAsync(Ordering, environment, await postgres.CreateDatabaseAsync("stop_ordering"));
        var catalogDb = await postgres.CreateDatabaseAsync("stop_catalog");
        await using var catalog = await PipelineNode.StartAsync(Catalog, environment, catalogDb, probe: probe);
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);

        await ordering.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c-1", [new OrderLine(1, 1)]));
        await Poll.UntilAsync(() => Task.FromResult(probe.Started), n => n == 1, TimeSpan.FromSeconds(20), "the handler to start");
        await catalog.StopAsync();

        probe.Finished.ShouldBe(1, "stop waits for the in-flight handler");
        (await catalog.QueryAsync(db => db.AppliedOrders.CountAsync())).ShouldBe(1);
        (await reader.DepthAsync("catalog")).ShouldBe(0, "the finished message was deleted");
        catalog.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .ShouldAllBe(service => service.ExecuteTask!.IsCompleted, "the receive loop has ended: nothing can be received any more");
    }

    [Fact]
    public async Task A_handler_that_overruns_its_timeout_is_cancelled_and_its_delivery_retried()
    {
        var environment = PipelineEnvironment.Create(moto.Settings) with
        {
            Overrides = new Dictionary<string, string?> { ["Messaging:HandlerTimeout"] = "00:00:01" },
        };
        var hung = new HandlerProbe(TimeSpan.FromMinutes(10));
        using var measurements = new MessagingMeasurements($"{environment.Prefix}-catalog");
        await using var ordering = await PipelineNode.StartAsync(Ordering, environment, await postgres.CreateDatabaseAsync("hung_ordering"));
        await using var catalog = await PipelineNode.StartAsync(Catalog, environment, await postgres.CreateDatabaseAsync("hung_catalog"), probe: hung);

        await ordering.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c-h", [new OrderLine(1, 1)]));

        await Poll.UntilAsync(() => Task.FromResult(hung.Started), n => n >= 2, TimeSpan.FromSeconds(30), "the cancelled delivery to be retried");
        measurements.Total("shop.messaging.failed").ShouldBeGreaterThanOrEqualTo(1);
        hung.Finished.ShouldBe(0);
        (await catalog.QueryAsync(db => db.AppliedOrders.CountAsync())).ShouldBe(0, "a cancelled handler's changes roll back");
    }
}

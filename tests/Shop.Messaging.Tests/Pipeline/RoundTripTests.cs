using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;
using Shop.Messaging.Provisioning;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

public sealed class RoundTripTests(PostgresFixture postgres, MotoFixture moto)
{
    [Fact]
    public async Task Each_event_reaches_exactly_the_queues_whose_filter_includes_its_type()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        await using var ordering = await PipelineNode.StartAsync(
            new ServiceTopology("ordering", ShopTopology.OrderingEvents, null), environment, await postgres.CreateDatabaseAsync("roundtrip"));
        var provisioner = ordering.Services.GetRequiredService<TopologyProvisioner>();
        foreach (var service in ShopTopology.Services)
        {
            await provisioner.ProvisionAsync(service, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        var orderId = Guid.NewGuid();
        var ids = await ordering.PublishAsync(
            new OrderPlaced(orderId, "c-1", [new OrderLine(1, 2)]),
            new PaymentRequested(orderId, "c-1", 19m, "USD"),
            new OrderConfirmed(orderId, "c-1", 19m, "USD"),
            new OrderCancelled(orderId, "c-1", "timeout"));

        // SNS has accepted all four once the outbox is empty; what a queue holds a moment later is all it gets.
        await Poll.UntilAsync(ordering.OutboxCountAsync, n => n == 0, TimeSpan.FromSeconds(20), "the outbox to be relayed");
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);
        foreach (var queue in ShopTopology.Queues)
        {
            var expected = queue.EventTypes.Select(EventType.NameOf).Intersect(ShopTopology.OrderingEvents.EventTypeNames).Order().ToList();
            var received = await reader.DrainAsync(queue.Name, TimeSpan.FromSeconds(3), expected.Count + 1);

            received.Select(m => m.MessageAttributes[MessageAttributes.Type].StringValue).Order().ToList().ShouldBe(expected, customMessage: $"queue {queue.Name}");
        }

        ids.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task A_delivered_message_carries_the_envelope_attributes_and_the_event_as_json()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        await using var ordering = await PipelineNode.StartAsync(
            new ServiceTopology("ordering", ShopTopology.OrderingEvents, null), environment, await postgres.CreateDatabaseAsync("envelope"));
        await ordering.Services.GetRequiredService<TopologyProvisioner>()
            .ProvisionAsync(ShopTopology.Payment, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var orderId = Guid.NewGuid();
        var id = (await ordering.PublishAsync(new PaymentRequested(orderId, "c-9", 12.5m, "USD"))).Single();

        var message = (await new QueueReader(moto.CreateSqsClient(), environment.Prefix).DrainAsync("payment", TimeSpan.FromSeconds(15), 1)).ShouldHaveSingleItem();
        var attributes = message.MessageAttributes.ToDictionary(a => a.Key, a => a.Value.StringValue);
        attributes[MessageAttributes.Type].ShouldBe("PaymentRequested");
        attributes[MessageAttributes.Id].ShouldBe(id.ToString());
        attributes[MessageAttributes.Source].ShouldBe("ordering");
        attributes[MessageAttributes.ContentType].ShouldBe("application/json");
        DateTimeOffset.Parse(attributes[MessageAttributes.Time], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        message.Body.ShouldBe($$"""{"orderId":"{{orderId}}","customerId":"c-9","amount":12.5,"currency":"USD"}""");
    }

    [Fact]
    public async Task A_service_cannot_put_another_services_event_in_its_outbox()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        await using var catalog = await PipelineNode.StartAsync(
            new ServiceTopology("catalog", ShopTopology.CatalogEvents, null), environment, await postgres.CreateDatabaseAsync("wrong_topic"));

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => catalog.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c", [])));

        refused.Message.ShouldContain("ordering-events");
        (await catalog.OutboxCountAsync()).ShouldBe(0);
    }
}

using System.Text.RegularExpressions;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shouldly;

namespace Shop.Contracts.Tests;

public sealed partial class ShopTopologyTests
{
    private static readonly Type[] AllEvents = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && !t.IsInterface)
        .ToArray();

    [Fact]
    public void Every_event_is_published_on_exactly_one_topic() =>
        AllEvents.ShouldAllBe(e => ShopTopology.Topics.Count(t => t.EventTypes.Contains(e)) == 1);

    [Fact]
    public void Every_event_has_a_consumer() =>
        AllEvents.ShouldAllBe(e => ShopTopology.Queues.Any(q => q.EventTypes.Contains(e)));

    [Fact]
    public void A_subscription_only_filters_for_events_its_topic_carries() =>
        ShopTopology.Queues.SelectMany(q => q.Subscriptions).ShouldAllBe(s => s.EventTypes.All(s.Topic.EventTypes.Contains));

    [Fact]
    public void Each_service_consumes_its_own_queue_and_publishes_its_own_topic()
    {
        ShopTopology.Services.Select(s => s.Service).ShouldBeUnique();
        ShopTopology.Services.Where(s => s.Consumes is not null).Select(s => s.Consumes!.Name)
            .ShouldBe(ShopTopology.Queues.Select(q => q.Name), ignoreOrder: true);
        ShopTopology.Services.Where(s => s.Publishes is not null).Select(s => s.Publishes!.Name)
            .ShouldBe(ShopTopology.Topics.Select(t => t.Name), ignoreOrder: true);
    }

    [Fact]
    public void The_saga_routes_as_the_architecture_says()
    {
        Consumers<OrderPlaced>().ShouldBe(["basket", "catalog"]);
        Consumers<OrderCancelled>().ShouldBe(["catalog", "notification", "payment"]);
        Consumers<OrderConfirmed>().ShouldBe(["notification"]);
        Consumers<PaymentRequested>().ShouldBe(["payment"]);
        Consumers<StockReserved>().ShouldBe(["ordering"]);
        Consumers<StockRejected>().ShouldBe(["ordering"]);
        Consumers<PaymentSucceeded>().ShouldBe(["ordering"]);
        Consumers<PaymentFailed>().ShouldBe(["ordering"]);
    }

    [Fact]
    public void Physical_names_with_the_longest_prefix_are_valid_sqs_and_sns_names()
    {
        var prefix = new string('p', 40);
        var names = ShopTopology.Queues.SelectMany(q => new[] { q.Name, q.DeadLetterName })
            .Concat(ShopTopology.Topics.Select(t => t.Name))
            .Select(name => PhysicalName.Of(prefix, name));

        names.ShouldAllBe(name => name.Length <= 80 && AwsName().IsMatch(name));
    }

    [Fact]
    public void Physical_names_carry_the_environment_prefix()
    {
        PhysicalName.Of("shop-dev", "ordering-events").ShouldBe("shop-dev-ordering-events");
        PhysicalName.Of("", "catalog").ShouldBe("catalog");
    }

    [Fact]
    public void The_type_attribute_is_the_record_name() => EventType.NameOf<StockReserved>().ShouldBe("StockReserved");

    [Fact]
    public void Only_integration_events_have_a_type_name() =>
        Should.Throw<ArgumentException>(() => EventType.NameOf(typeof(OrderLine)));

    private static List<string> Consumers<TEvent>() =>
        ShopTopology.Queues.Where(q => q.EventTypes.Contains(typeof(TEvent))).Select(q => q.Name).Order().ToList();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AwsName();
}

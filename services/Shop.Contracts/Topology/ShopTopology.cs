using Shop.Contracts.Events;

namespace Shop.Contracts.Topology;

/// <summary>
/// The shop's messaging topology: the single definition that provisioning (<c>Messaging__Provision</c>), the
/// messaging layer's routing and the dead-letter command read.
/// </summary>
public static class ShopTopology
{
    public static readonly TopicDefinition OrderingEvents = new(
        "ordering-events", [typeof(OrderPlaced), typeof(PaymentRequested), typeof(OrderConfirmed), typeof(OrderCancelled)]);

    public static readonly TopicDefinition CatalogEvents = new("catalog-events", [typeof(StockReserved), typeof(StockRejected)]);

    public static readonly TopicDefinition PaymentEvents = new("payment-events", [typeof(PaymentSucceeded), typeof(PaymentFailed)]);

    public static readonly QueueDefinition CatalogQueue = new(
        "catalog", [new(OrderingEvents, [typeof(OrderPlaced), typeof(OrderCancelled)])]);

    public static readonly QueueDefinition BasketQueue = new("basket", [new(OrderingEvents, [typeof(OrderPlaced)])]);

    public static readonly QueueDefinition OrderingQueue = new(
        "ordering",
        [
            new(CatalogEvents, [typeof(StockReserved), typeof(StockRejected)]),
            new(PaymentEvents, [typeof(PaymentSucceeded), typeof(PaymentFailed)]),
        ]);

    public static readonly QueueDefinition PaymentQueue = new("payment", [new(OrderingEvents, [typeof(PaymentRequested), typeof(OrderCancelled)])]);

    public static readonly QueueDefinition NotificationQueue = new(
        "notification", [new(OrderingEvents, [typeof(OrderConfirmed), typeof(OrderCancelled)])]);

    public static readonly ServiceTopology Catalog = new("catalog", CatalogEvents, CatalogQueue);
    public static readonly ServiceTopology Basket = new("basket", null, BasketQueue);
    public static readonly ServiceTopology Ordering = new("ordering", OrderingEvents, OrderingQueue);
    public static readonly ServiceTopology Payment = new("payment", PaymentEvents, PaymentQueue);
    public static readonly ServiceTopology Notification = new("notification", null, NotificationQueue);

    public static IReadOnlyList<TopicDefinition> Topics { get; } = [OrderingEvents, CatalogEvents, PaymentEvents];

    public static IReadOnlyList<QueueDefinition> Queues { get; } = [CatalogQueue, BasketQueue, OrderingQueue, PaymentQueue, NotificationQueue];

    public static IReadOnlyList<ServiceTopology> Services { get; } = [Catalog, Basket, Ordering, Payment, Notification];

    /// <summary>The topic an event type is published on.</summary>
    public static TopicDefinition TopicOf(Type eventType) =>
        Topics.SingleOrDefault(t => t.EventTypes.Contains(eventType))
        ?? throw new ArgumentException($"No topic publishes {eventType.Name}.", nameof(eventType));
}

using System.Diagnostics;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Bench.Messaging;

/// <summary>
/// The trivial handler: one row per order, saved by the consumer in the inbox's transaction. It names the order on
/// the consumer's span, whose end (after the commit) <see cref="PipelineSide"/> takes as the moment of applying it.
/// </summary>
public sealed class RecordOrderPlaced(BenchDbContext db) : IEventHandler<OrderPlaced>
{
    public const string OrderTag = "bench.order_id";

    public async Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag(OrderTag, @event.OrderId);
        var order = await db.AppliedOrders.FindAsync([@event.OrderId], cancellationToken);
        if (order is null)
        {
            order = new AppliedOrder { OrderId = @event.OrderId };
            db.AppliedOrders.Add(order);
        }

        order.Applications++;
    }
}

/// <summary>The catalog queue also carries OrderCancelled; the benchmark publishes none, but the consumer needs a handler for it.</summary>
public sealed class IgnoreOrderCancelled : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled @event, MessageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Bench.Messaging;

/// <summary>The trivial handler: one row per order, saved by the consumer in the inbox's transaction.</summary>
public sealed class RecordOrderPlaced(BenchDbContext db) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
    {
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

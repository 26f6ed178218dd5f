using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Consuming;
using Shop.Messaging.Outbox;
using Shop.Ordering.Data;
using Shop.Ordering.Domain;

namespace Shop.Ordering.Handlers;

/// <summary>
/// Applies a consumed event to its order through the state machine, within the consumer's unit of work: the
/// transition, its outgoing event (outbox) and the inbox record commit together. A concurrent change to the same
/// order (a customer's cancel) fails the commit, and the redelivery sees the order as it now is.
/// </summary>
public sealed class OrderEventApplier(OrderingDbContext db, IOutbox outbox, TimeProvider time, OrderingMetrics metrics, ILogger<OrderEventApplier> logger)
{
    public async Task ApplyAsync(Guid orderId, string eventType, Func<Order, DateTimeOffset, OrderChange> apply, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new UnprocessableMessageException($"{eventType} names order {orderId}, which does not exist here.");
        var change = apply(order, time.GetUtcNow());
        if (change.Publish is { } publish)
        {
            outbox.Add(publish);
        }

        switch (change.Kind)
        {
            case OrderChangeKind.Recorded:
                metrics.LatePayments.Add(1);
                logger.LatePayment(orderId, eventType, change.Note);
                break;
            case OrderChangeKind.Ignored:
                logger.Ignored(orderId, eventType, change.Note);
                break;
            default:
                logger.Transitioned(orderId, eventType, change.Note);
                break;
        }
    }
}

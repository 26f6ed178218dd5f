using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;
using Shop.Payment.Data;
using Shop.Payment.Domain;
using Shop.Payment.Processing;

namespace Shop.Payment.Handlers;

/// <summary>
/// A cancelled order keeps no money: a succeeded payment is refunded; an order not yet charged is voided, so a
/// PaymentRequested that arrives later charges nothing. The refund is asked for in both cases, because a charge made
/// by a delivery whose commit lost to this one is recorded only at the processor.
/// </summary>
public sealed class OrderCancelledHandler(PaymentDbContext db, ICardProcessor processor, TimeProvider time) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled @event, MessageContext context, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.OrderId == @event.OrderId, cancellationToken);
        switch (payment?.Status)
        {
            case null:
                await processor.RefundAsync(@event.OrderId, cancellationToken);
                db.Payments.Add(OrderPayment.Voided(@event.OrderId, time.GetUtcNow()));
                break;
            case PaymentStatus.Succeeded:
                await processor.RefundAsync(@event.OrderId, cancellationToken);
                payment.Refunded(time.GetUtcNow());
                break;
        }
    }
}

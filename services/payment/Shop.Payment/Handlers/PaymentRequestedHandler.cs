using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;
using Shop.Messaging.Outbox;
using Shop.Payment.Data;
using Shop.Payment.Domain;
using Shop.Payment.Processing;

namespace Shop.Payment.Handlers;

/// <summary>
/// Charges an order once and says how it went. The charge happens before our transaction commits; if the commit then
/// fails (a concurrent OrderCancelled voided the order), the redelivery finds the void and refunds that charge.
/// </summary>
public sealed class PaymentRequestedHandler(PaymentDbContext db, ICardProcessor processor, IOutbox outbox, TimeProvider time) : IEventHandler<PaymentRequested>
{
    public async Task HandleAsync(PaymentRequested @event, MessageContext context, CancellationToken cancellationToken)
    {
        if (@event.Amount <= 0)
        {
            throw new UnprocessableMessageException($"PaymentRequested for order {@event.OrderId} asks for {@event.Amount}.");
        }

        if (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == @event.OrderId, cancellationToken) is { } earlier)
        {
            if (earlier.Status == PaymentStatus.Voided)
            {
                await processor.RefundAsync(@event.OrderId, cancellationToken);
            }

            return;
        }

        var result = await processor.ChargeAsync(@event.OrderId, @event.Amount, @event.Currency, cancellationToken);
        var now = time.GetUtcNow();
        if (result.Approved)
        {
            db.Payments.Add(OrderPayment.Succeeded(@event.OrderId, result.ChargeId, @event.Amount, @event.Currency, now));
            outbox.Add(new PaymentSucceeded(@event.OrderId, result.ChargeId, @event.Amount, @event.Currency));
        }
        else
        {
            db.Payments.Add(OrderPayment.Declined(@event.OrderId, result.ChargeId, @event.Amount, @event.Currency, result.DeclineReason!, now));
            outbox.Add(new PaymentFailed(@event.OrderId, result.DeclineReason!));
        }
    }
}

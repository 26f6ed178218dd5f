using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Data;
using Shop.Catalog.Domain;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Catalog.Stock;

/// <summary>Gives back what an order held, once; remembers a cancellation that arrives before its order.</summary>
public sealed class OrderCancelledHandler(CatalogDbContext db, TimeProvider time, ILogger<OrderCancelledHandler> logger) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled @event, MessageContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.OrderId == @event.OrderId, cancellationToken);
        if (reservation is null)
        {
            db.Reservations.Add(Reservation.CancelledBeforePlaced(@event.OrderId, now));
            return;
        }

        if (reservation.Status != ReservationStatus.Reserved)
        {
            logger.NothingToRelease(@event.OrderId, reservation.Status);
            return;
        }

        var products = (await db.LockProductsAsync(reservation.Lines.Select(l => l.ProductId), cancellationToken)).ToDictionary(p => p.Id);
        foreach (var line in reservation.Lines)
        {
            // A product deleted since has nothing to give back to.
            if (products.TryGetValue(line.ProductId, out var product))
            {
                product.Release(line.Quantity);
            }
        }

        reservation.Release(now);
    }
}

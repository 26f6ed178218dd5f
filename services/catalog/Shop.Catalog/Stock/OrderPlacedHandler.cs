using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Data;
using Shop.Catalog.Domain;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;
using Shop.Messaging.Outbox;

namespace Shop.Catalog.Stock;

/// <summary>Reserves every line of a placed order or none, and says which: StockReserved (priced) or StockRejected.</summary>
public sealed class OrderPlacedHandler(CatalogDbContext db, IOutbox outbox, TimeProvider time, ILogger<OrderPlacedHandler> logger) : IEventHandler<OrderPlaced>
{
    public const string OutOfStock = "out-of-stock";

    public async Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
    {
        if (@event.Lines.Count == 0 || @event.Lines.Any(l => l.Quantity < 1) || @event.Lines.DistinctBy(l => l.ProductId).Count() != @event.Lines.Count)
        {
            throw new UnprocessableMessageException($"OrderPlaced {@event.OrderId} has no lines, a quantity under 1 or a product twice.");
        }

        if (await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == @event.OrderId, cancellationToken) is { } earlier)
        {
            // A cancellation that came first (or an order placed twice under two event ids): hold nothing more.
            logger.NothingToReserve(@event.OrderId, earlier.Status);
            return;
        }

        var now = time.GetUtcNow();
        var products = (await db.LockProductsAsync(@event.Lines.Select(l => l.ProductId), cancellationToken)).ToDictionary(p => p.Id);
        var shortLines = @event.Lines
            .Select(l => new ShortLine(l.ProductId, l.Quantity, products.TryGetValue(l.ProductId, out var p) ? p.AvailableStock : 0))
            .Where(s => s.Available < s.Requested)
            .ToList();
        if (shortLines.Count > 0)
        {
            db.Reservations.Add(Reservation.Rejected(@event.OrderId, now));
            outbox.Add(new StockRejected(@event.OrderId, OutOfStock, shortLines));
            return;
        }

        var reserved = new List<ReservedLine>();
        foreach (var line in @event.Lines)
        {
            var product = products[line.ProductId];
            product.Reserve(line.Quantity);
            reserved.Add(new ReservedLine(product.Id, product.Name, line.Quantity, product.Price, product.Currency));
        }

        db.Reservations.Add(Reservation.Reserved(@event.OrderId, @event.Lines.Select(l => new ReservationLine(l.ProductId, l.Quantity)), now));
        outbox.Add(new StockReserved(@event.OrderId, reserved));
    }
}

namespace Shop.Catalog.Domain;

/// <summary>
/// What catalog did about one order's stock. Its key is the order id, so whichever of OrderPlaced and OrderCancelled
/// arrives first writes it and the other finds it: a reservation is made at most once and released at most once,
/// and a cancellation that arrives first leaves a record that stops a late OrderPlaced from reserving anything.
/// </summary>
public sealed class Reservation
{
    private readonly List<ReservationLine> _lines = [];

    private Reservation()
    {
    }

    public Guid OrderId { get; private set; }

    public ReservationStatus Status { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => _lines;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Reservation Reserved(Guid orderId, IEnumerable<ReservationLine> lines, DateTimeOffset now)
    {
        var reservation = New(orderId, ReservationStatus.Reserved, now);
        reservation._lines.AddRange(lines);
        return reservation;
    }

    public static Reservation Rejected(Guid orderId, DateTimeOffset now) => New(orderId, ReservationStatus.Rejected, now);

    public static Reservation CancelledBeforePlaced(Guid orderId, DateTimeOffset now) => New(orderId, ReservationStatus.CancelledBeforePlaced, now);

    /// <summary>Marks the stock as given back; the caller returns each line's quantity to its product.</summary>
    public void Release(DateTimeOffset now)
    {
        if (Status != ReservationStatus.Reserved)
        {
            throw new InvalidOperationException($"Reservation for order {OrderId} is {Status}, not Reserved.");
        }

        Status = ReservationStatus.Released;
        UpdatedAt = now;
    }

    private static Reservation New(Guid orderId, ReservationStatus status, DateTimeOffset now) =>
        new() { OrderId = orderId, Status = status, CreatedAt = now, UpdatedAt = now };
}

public sealed record ReservationLine(int ProductId, int Quantity);

public enum ReservationStatus
{
    /// <summary>Every line's stock is held for the order.</summary>
    Reserved,

    /// <summary>Some line was short; nothing was held.</summary>
    Rejected,

    /// <summary>Held, then given back when the order was cancelled.</summary>
    Released,

    /// <summary>The order's cancellation arrived before the order: nothing is ever to be held for it.</summary>
    CancelledBeforePlaced,
}

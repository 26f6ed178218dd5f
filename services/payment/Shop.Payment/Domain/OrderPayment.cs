namespace Shop.Payment.Domain;

/// <summary>
/// What payment did for one order. The order id is the key: whichever of PaymentRequested and OrderCancelled comes
/// first writes the row, and a second charge for the same order cannot be recorded (the insert conflicts).
/// </summary>
public sealed class OrderPayment
{
    private OrderPayment()
    {
    }

    public Guid OrderId { get; private set; }

    public Guid PaymentId { get; private set; }

    public PaymentStatus Status { get; private set; }

    public decimal? Amount { get; private set; }

    public string? Currency { get; private set; }

    public string? DeclineReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static OrderPayment Succeeded(Guid orderId, Guid paymentId, decimal amount, string currency, DateTimeOffset now) =>
        new() { OrderId = orderId, PaymentId = paymentId, Status = PaymentStatus.Succeeded, Amount = amount, Currency = currency, CreatedAt = now, UpdatedAt = now };

    public static OrderPayment Declined(Guid orderId, Guid paymentId, decimal amount, string currency, string reason, DateTimeOffset now) =>
        new()
        {
            OrderId = orderId, PaymentId = paymentId, Status = PaymentStatus.Declined, Amount = amount, Currency = currency,
            DeclineReason = reason, CreatedAt = now, UpdatedAt = now,
        };

    public static OrderPayment Voided(Guid orderId, DateTimeOffset now) =>
        new() { OrderId = orderId, PaymentId = Guid.CreateVersion7(now), Status = PaymentStatus.Voided, CreatedAt = now, UpdatedAt = now };

    public void Refunded(DateTimeOffset now)
    {
        if (Status != PaymentStatus.Succeeded)
        {
            throw new InvalidOperationException($"Payment for order {OrderId} is {Status}; only a succeeded payment is refunded.");
        }

        Status = PaymentStatus.Refunded;
        UpdatedAt = now;
    }
}

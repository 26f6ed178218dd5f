namespace Shop.Payment.Processing;

/// <summary>The simulated processor's own record of a charge, one per order: what makes its charges idempotent.</summary>
public sealed class ProcessorCharge
{
    public Guid OrderId { get; set; }

    public Guid ChargeId { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public bool Approved { get; set; }

    public string? DeclineReason { get; set; }

    public bool Refunded { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

namespace Shop.Payment.Processing;

/// <summary>
/// The card processor, keyed by order: charging an order twice answers the first result and takes nothing more;
/// refunding gives back whatever the order was charged, once, and does nothing when it was not charged.
/// </summary>
public interface ICardProcessor
{
    /// <exception cref="ProcessorUnavailableException">The processor did not answer; nothing was charged, try again.</exception>
    Task<ChargeResult> ChargeAsync(Guid orderId, decimal amount, string currency, CancellationToken cancellationToken);

    Task RefundAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>A charge's outcome: approved with the processor's charge id, or declined with the reason.</summary>
public sealed record ChargeResult(Guid ChargeId, bool Approved, string? DeclineReason);

public sealed class ProcessorUnavailableException(string message) : Exception(message);

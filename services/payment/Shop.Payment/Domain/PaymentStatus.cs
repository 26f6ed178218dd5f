namespace Shop.Payment.Domain;

public enum PaymentStatus
{
    /// <summary>The card was charged.</summary>
    Succeeded,

    /// <summary>The processor refused the charge; nothing was taken.</summary>
    Declined,

    /// <summary>Charged, then given back because the order was cancelled.</summary>
    Refunded,

    /// <summary>The order was cancelled before any charge: none will ever be made for it.</summary>
    Voided,
}

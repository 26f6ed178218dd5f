namespace Shop.Ordering.Domain;

/// <summary>Why an order was cancelled, as the order and OrderCancelled carry it.</summary>
public static class CancellationReasons
{
    public const string OutOfStock = "out-of-stock";
    public const string PaymentDeclined = "payment-declined";
    public const string Customer = "customer";
    public const string Timeout = "timeout";
    public const string MixedCurrencies = "mixed-currencies";
}

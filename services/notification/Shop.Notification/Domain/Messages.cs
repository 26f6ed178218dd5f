using System.Globalization;
using Shop.Contracts.Events;

namespace Shop.Notification.Domain;

/// <summary>What the customer is told.</summary>
public static class Messages
{
    public static string For(OrderConfirmed confirmed) => string.Create(
        CultureInfo.InvariantCulture, $"Your order {confirmed.OrderId} is confirmed. We charged {confirmed.Total:0.00} {confirmed.Currency}.");

    public static string For(OrderCancelled cancelled) => $"Your order {cancelled.OrderId} was cancelled: {Explain(cancelled.Reason)}";

    private static string Explain(string reason) => reason switch
    {
        "out-of-stock" => "some of its items are out of stock. Nothing was charged.",
        "payment-declined" => "the payment was declined. Nothing was charged.",
        "customer" => "you cancelled it. Anything charged is refunded.",
        "timeout" => "it could not be completed in time. Anything charged is refunded.",
        _ => $"{reason}. Anything charged is refunded.",
    };
}

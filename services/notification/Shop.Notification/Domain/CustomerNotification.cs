namespace Shop.Notification.Domain;

/// <summary>A message as the customer would receive it (by e-mail, say), one per order and kind.</summary>
public sealed class CustomerNotification
{
    public Guid Id { get; set; }

    public string CustomerId { get; set; } = "";

    public Guid OrderId { get; set; }

    /// <summary>The event it tells of: <c>OrderConfirmed</c> or <c>OrderCancelled</c>.</summary>
    public string Kind { get; set; } = "";

    public string Message { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

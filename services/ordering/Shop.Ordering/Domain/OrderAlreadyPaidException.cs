namespace Shop.Ordering.Domain;

/// <summary>A customer tried to cancel an order that is already paid.</summary>
public sealed class OrderAlreadyPaidException(Guid orderId) : Exception($"Order {orderId} is paid and can no longer be cancelled.");

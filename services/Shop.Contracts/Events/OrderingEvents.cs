namespace Shop.Contracts.Events;

public sealed record OrderLine(int ProductId, int Quantity);

/// <summary>A customer placed an order; catalog reserves its stock and basket clears the customer's basket.</summary>
public sealed record OrderPlaced(Guid OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines) : IIntegrationEvent;

/// <summary>Stock is reserved and priced: the order asks payment to charge <paramref name="Amount"/>.</summary>
public sealed record PaymentRequested(Guid OrderId, string CustomerId, decimal Amount, string Currency) : IIntegrationEvent;

public sealed record OrderConfirmed(Guid OrderId, string CustomerId, decimal Total, string Currency) : IIntegrationEvent;

/// <summary>The order ended without being fulfilled; <paramref name="Reason"/> is e.g. <c>out-of-stock</c>, <c>payment-failed</c>, <c>timeout</c>.</summary>
public sealed record OrderCancelled(Guid OrderId, string CustomerId, string Reason) : IIntegrationEvent;

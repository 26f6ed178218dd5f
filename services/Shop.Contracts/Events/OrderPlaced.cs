namespace Shop.Contracts.Events;

/// <summary>A customer placed an order; catalog reserves its stock and basket clears the customer's basket.</summary>
public sealed record OrderPlaced(Guid OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines) : IIntegrationEvent;

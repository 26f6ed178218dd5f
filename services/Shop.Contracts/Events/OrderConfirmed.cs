namespace Shop.Contracts.Events;

public sealed record OrderConfirmed(Guid OrderId, string CustomerId, decimal Total, string Currency) : IIntegrationEvent;

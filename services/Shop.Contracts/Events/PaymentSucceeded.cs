namespace Shop.Contracts.Events;

public sealed record PaymentSucceeded(Guid OrderId, Guid PaymentId, decimal Amount, string Currency) : IIntegrationEvent;

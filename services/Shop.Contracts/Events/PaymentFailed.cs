namespace Shop.Contracts.Events;

public sealed record PaymentFailed(Guid OrderId, string Reason) : IIntegrationEvent;

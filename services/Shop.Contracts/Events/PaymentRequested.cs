namespace Shop.Contracts.Events;

/// <summary>Stock is reserved and priced: the order asks payment to charge <paramref name="Amount"/>.</summary>
public sealed record PaymentRequested(Guid OrderId, string CustomerId, decimal Amount, string Currency) : IIntegrationEvent;

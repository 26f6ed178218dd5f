namespace Shop.Contracts.Events;

/// <summary>
/// The order ended without being fulfilled; <paramref name="Reason"/> is one of <c>out-of-stock</c>,
/// <c>payment-declined</c>, <c>customer</c>, <c>timeout</c>. Catalog releases what it reserved; payment refunds
/// what it charged, or never charges.
/// </summary>
public sealed record OrderCancelled(Guid OrderId, string CustomerId, string Reason) : IIntegrationEvent;

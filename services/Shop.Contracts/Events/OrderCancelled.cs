namespace Shop.Contracts.Events;

/// <summary>The order ended without being fulfilled; <paramref name="Reason"/> is e.g. <c>out-of-stock</c>, <c>payment-failed</c>, <c>timeout</c>.</summary>
public sealed record OrderCancelled(Guid OrderId, string CustomerId, string Reason) : IIntegrationEvent;

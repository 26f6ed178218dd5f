namespace Shop.Contracts.Events;

/// <summary>Nothing was reserved: at least one of <paramref name="UnavailableProductIds"/> was missing or short.</summary>
public sealed record StockRejected(Guid OrderId, string Reason, IReadOnlyList<int> UnavailableProductIds) : IIntegrationEvent;

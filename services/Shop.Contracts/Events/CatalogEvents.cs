namespace Shop.Contracts.Events;

/// <summary>A reserved line with the authoritative unit price from catalog.</summary>
public sealed record ReservedLine(int ProductId, int Quantity, decimal UnitPrice, string Currency);

public sealed record StockReserved(Guid OrderId, IReadOnlyList<ReservedLine> Lines) : IIntegrationEvent;

/// <summary>Nothing was reserved: at least one of <paramref name="UnavailableProductIds"/> was missing or short.</summary>
public sealed record StockRejected(Guid OrderId, string Reason, IReadOnlyList<int> UnavailableProductIds) : IIntegrationEvent;

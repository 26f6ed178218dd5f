namespace Shop.Contracts.Events;

/// <summary>A reserved line with the authoritative unit price from catalog.</summary>
public sealed record ReservedLine(int ProductId, int Quantity, decimal UnitPrice, string Currency);

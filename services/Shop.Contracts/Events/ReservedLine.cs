namespace Shop.Contracts.Events;

/// <summary>A reserved line with the product's name and authoritative unit price from catalog.</summary>
public sealed record ReservedLine(int ProductId, string Name, int Quantity, decimal UnitPrice, string Currency);

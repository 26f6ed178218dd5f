namespace Shop.Contracts.Events;

public sealed record OrderLine(int ProductId, int Quantity);

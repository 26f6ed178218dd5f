namespace Shop.Contracts.Events;

/// <summary>A line catalog could not reserve: <paramref name="Available"/> is 0 for a product that does not exist.</summary>
public sealed record ShortLine(int ProductId, int Requested, int Available);

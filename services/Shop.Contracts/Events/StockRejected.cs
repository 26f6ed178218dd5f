namespace Shop.Contracts.Events;

/// <summary>Nothing was reserved, because of <paramref name="ShortLines"/>; <paramref name="Reason"/> is e.g. <c>out-of-stock</c>.</summary>
public sealed record StockRejected(Guid OrderId, string Reason, IReadOnlyList<ShortLine> ShortLines) : IIntegrationEvent;

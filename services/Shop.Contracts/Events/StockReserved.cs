namespace Shop.Contracts.Events;

public sealed record StockReserved(Guid OrderId, IReadOnlyList<ReservedLine> Lines) : IIntegrationEvent;

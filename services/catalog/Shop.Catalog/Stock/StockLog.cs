using Shop.Catalog.Domain;

namespace Shop.Catalog.Stock;

internal static partial class StockLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed, but its reservation is already {Status}: nothing reserved")]
    public static partial void NothingToReserve(this ILogger logger, Guid orderId, ReservationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} cancelled; its reservation is {Status}: nothing to release")]
    public static partial void NothingToRelease(this ILogger logger, Guid orderId, ReservationStatus status);
}

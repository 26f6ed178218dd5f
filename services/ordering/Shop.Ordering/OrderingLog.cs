namespace Shop.Ordering;

internal static partial class OrderingLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderId}: {EventType}: {Note}")]
    public static partial void Transitioned(this ILogger logger, Guid orderId, string eventType, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: {EventType} ignored: {Note}")]
    public static partial void Ignored(this ILogger logger, Guid orderId, string eventType, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: {EventType}: {Note}")]
    public static partial void LatePayment(this ILogger logger, Guid orderId, string eventType, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Count} orders that made no progress since {Cutoff}")]
    public static partial void TimedOut(this ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping timed-out orders failed; trying again next interval")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);
}

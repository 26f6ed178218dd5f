using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Consuming;

/// <summary>What the queue consumer logs.</summary>
internal static partial class ConsumerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue}")]
    public static partial void Consuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consuming stopped on an error; starting again in 5 s")]
    public static partial void ConsumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving failed; trying again")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} ({Type}) failed on receive {ReceiveCount}; last receive: {LastReceive}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string messageId, string? type, int receiveCount, bool lastReceive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not change the visibility of message {MessageId}")]
    public static partial void VisibilityChangeFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting entry {EntryId} failed: {Code} {Reason}")]
    public static partial void DeleteFailed(ILogger logger, string entryId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting {Count} handled messages failed; they will be redelivered and skipped")]
    public static partial void DeleteBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extending the visibility of {Count} in-flight messages failed")]
    public static partial void ExtendFailed(ILogger logger, Exception exception, int count);
}

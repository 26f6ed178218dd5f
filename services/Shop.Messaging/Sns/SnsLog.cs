using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Sns;

internal static partial class SnsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS {Action} attempt {Attempt} of {MaxAttempts} failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string action, int attempt, int maxAttempts, string reason, long delayMs, Exception exception);
}

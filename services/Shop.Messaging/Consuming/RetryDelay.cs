namespace Shop.Messaging.Consuming;

/// <summary>How long a failed delivery stays invisible: base × 2^(receives − 1), capped, with ±20% jitter so retries spread out.</summary>
public static class RetryDelay
{
    /// <summary>SQS's ceiling for a visibility timeout.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(12);

    public static TimeSpan For(int receiveCount, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Clamp(receiveCount - 1, 0, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), Math.Min(maxDelay.Ticks, Maximum.Ticks)));
        var jittered = delay * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        return jittered < Maximum ? jittered : Maximum;
    }
}

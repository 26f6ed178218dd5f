namespace Shop.Messaging;

/// <summary>
/// The one retry delay of the messaging layer: <c>base × 2^(attempt − 1)</c>, capped at the maximum, then spread by
/// ±20% so that retries of messages that failed together do not arrive together.
/// </summary>
public static class Backoff
{
    /// <param name="attempt">The failed attempt this delay follows: 1 after the first failure.</param>
    /// <param name="random">A number in [0, 1]; 0.5 means no spread.</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var capped = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.8 + (0.4 * Math.Clamp(random, 0, 1)))));
    }

    /// <inheritdoc cref="Delay(int, TimeSpan, TimeSpan, double)"/>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay) =>
        Delay(attempt, baseDelay, maxDelay, Random.Shared.NextDouble());
}

namespace Shop.Messaging.Sns;

/// <summary>
/// Retries of throttled, 5xx and network-failed SNS requests: capped exponential backoff with full jitter.
/// A delay is random between zero and <see cref="BackoffCeiling"/>.
/// </summary>
public sealed class SnsRetryOptions
{
    /// <summary>Requests sent at most, the first one included.</summary>
    public int MaxAttempts { get; set; } = 6;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one request may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan BackoffCeiling(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, exponential));
    }

    /// <summary>Problems with these values, each naming the property; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxAttempts < 1)
        {
            problems.Add($"{nameof(SnsRetryOptions)}.{nameof(MaxAttempts)} must be at least 1; got {MaxAttempts}.");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            problems.Add($"{nameof(SnsRetryOptions)} needs 0 < {nameof(BaseDelay)} <= {nameof(MaxDelay)}; got {BaseDelay} and {MaxDelay}.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(SnsRetryOptions)}.{nameof(AttemptTimeout)} must be positive; got {AttemptTimeout}.");
        }

        return problems;
    }
}

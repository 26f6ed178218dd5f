using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace Shop.Gateway.Edge;

/// <summary>
/// Token buckets per caller (section <c>RateLimiting</c>): one per authenticated subject, one per client IP for
/// anonymous calls. Health, API documentation and the token metadata (discovery, JWKS) are not limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    [Required]
    public BucketOptions Authenticated { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100 };

    [Required]
    public BucketOptions Anonymous { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 50 };
}

public sealed class BucketOptions
{
    /// <summary>The burst: how many requests a full bucket allows at once.</summary>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; }

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>: the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    public TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

using System.ComponentModel.DataAnnotations;

namespace Shop.Messaging.Sns;

/// <summary>Settings of the SNS client (section <c>Sns</c>, e.g. <c>Sns__AttemptTimeout</c>).</summary>
public sealed class SnsClientOptions
{
    public const string Section = "Sns";

    /// <summary>
    /// How long one request may take. The client makes one attempt per call; the caller owns retrying (the outbox
    /// dispatcher retries forever with backoff, provisioning retries at start).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Sns:AttemptTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

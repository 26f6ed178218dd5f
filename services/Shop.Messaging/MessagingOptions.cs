using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;

namespace Shop.Messaging;

/// <summary>Settings of the messaging layer (section <c>Messaging</c>, e.g. <c>Messaging__Prefix</c>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Environment prefix of every physical topic and queue name, e.g. <c>shop-dev</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,39}$", ErrorMessage = "Messaging:Prefix must be 1-40 lower-case letters, digits or dashes.")]
    public string Prefix { get; set; } = "";

    /// <summary>Create topics, queues and subscriptions at start. Unset means: on in Development, off elsewhere (where the deployment creates them).</summary>
    public bool? Provision { get; set; }

    /// <summary>The AWS account that owns the topics; required when not provisioning, to name topic ARNs without CreateTopic.</summary>
    [RegularExpression("^[0-9]{12}$", ErrorMessage = "Messaging:AccountId must be a 12-digit AWS account id.")]
    public string? AccountId { get; set; }

    /// <summary>How many messages one service instance handles at once; each 10 of them get a receive loop of their own.</summary>
    [Range(1, 100)]
    public int MaxConcurrency { get; set; } = 20;

    /// <summary>The queue's visibility timeout; a running handler keeps extending it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "12:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A handler still running after this long is cancelled and its delivery fails (and retries).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Long-poll duration of a receive (SQS allows at most 20 s; 0 would busy-poll an empty queue).</summary>
    [Range(1, 20)]
    public int ReceiveWaitSeconds { get; set; } = 20;

    /// <summary>First delay before a failed message is seen again; doubles per receive up to <see cref="RetryMaxDelay"/> (<see cref="Backoff"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "10:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most 10 hours: with the backoff's +20% spread a delay stays within SQS's 12-hour visibility ceiling.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "10:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The outbox dispatcher wakes on every commit that adds a message; this is its fallback poll.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before an event SNS did not accept is tried again; doubles per attempt up to <see cref="OutboxRetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan OutboxRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between publish attempts while SNS keeps refusing; the outbox retries for ever.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan OutboxRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this service creates its topology at start in <paramref name="environment"/>.</summary>
    public bool ProvisionsIn(IHostEnvironment environment) => Provision ?? environment.IsDevelopment();
}

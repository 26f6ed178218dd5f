namespace Shop.Messaging.Sns;

/// <summary>
/// The SNS operations the shop uses. AWSSDK.SimpleNotificationService is absent from the package feed, so
/// <see cref="SnsQueryClient"/> implements this over the SNS Query API; the official client can replace it here.
/// </summary>
public interface ISnsClient
{
    /// <summary>Creates the topic, or returns the existing one of that name (CreateTopic is idempotent).</summary>
    Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken);

    /// <summary>Publishes up to 10 messages in one call; entries SNS refused are returned, not thrown.</summary>
    Task<SnsBatchResult> PublishBatchAsync(string topicArn, IReadOnlyList<SnsBatchEntry> entries, CancellationToken cancellationToken);

    /// <summary>Subscribes an endpoint (an SQS queue ARN for protocol "sqs"); returns the subscription ARN.</summary>
    Task<string> SubscribeAsync(
        string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken);

    Task SetSubscriptionAttributesAsync(string subscriptionArn, string name, string value, CancellationToken cancellationToken);
}

using Shop.Messaging.Sns;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>
/// Simulates the dispatcher's process dying mid-batch: the first PublishBatch either never reaches SNS, or reaches
/// it and then dies before the accepted rows are deleted from the outbox. A dead process publishes nothing more, so every later
/// batch fails too, until the node is replaced by a new one (the restart).
/// </summary>
public sealed class DyingSnsClient(ISnsClient inner, bool afterSnsAccepted) : ISnsClient
{
    private int _batches;

    public async Task<SnsBatchResult> PublishBatchAsync(string topicArn, IReadOnlyList<SnsBatchEntry> entries, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _batches) == 1 && afterSnsAccepted)
        {
            await inner.PublishBatchAsync(topicArn, entries, cancellationToken);
        }

        throw new OperationCanceledException("The dispatcher died mid-batch.");
    }

    /// <summary>How many batches the dispatcher tried (the first one is where it died).</summary>
    public int Batches => _batches;

    public Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken) => inner.CreateTopicAsync(name, cancellationToken);

    public Task<string> SubscribeAsync(
        string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken) =>
        inner.SubscribeAsync(topicArn, protocol, endpoint, attributes, cancellationToken);

    public Task SetSubscriptionAttributesAsync(string subscriptionArn, string name, string value, CancellationToken cancellationToken) =>
        inner.SetSubscriptionAttributesAsync(subscriptionArn, name, value, cancellationToken);
}

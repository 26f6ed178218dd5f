using System.Collections.Concurrent;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;
using Shop.Messaging.Aws;
using Shop.Messaging.Sns;

namespace Shop.Messaging;

/// <summary>Physical names, topic ARNs and queue URLs of the topology, looked up once.</summary>
public sealed class MessagingResources(ISnsClient sns, IAmazonSQS sqs, IOptions<MessagingOptions> options, AwsSettings aws)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _topicArns = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _queueUrls = new();

    public string PhysicalName(string logicalName) => Shop.Contracts.Topology.PhysicalName.Of(options.Value.Prefix, logicalName);

    /// <summary>
    /// With <c>Messaging:AccountId</c> the ARN is composed; without it CreateTopic (idempotent) returns it,
    /// which works wherever the service may create topics (locally, or with that IAM permission).
    /// </summary>
    public Task<string> TopicArnAsync(string logicalTopic, CancellationToken cancellationToken) =>
        Cached(_topicArns, logicalTopic, cancellationToken, () => options.Value.AccountId is { } account
            ? Task.FromResult($"arn:aws:sns:{aws.Region}:{account}:{PhysicalName(logicalTopic)}")
            : sns.CreateTopicAsync(PhysicalName(logicalTopic), CancellationToken.None));

    public Task<string> QueueUrlAsync(string logicalQueue, CancellationToken cancellationToken) =>
        Cached(_queueUrls, logicalQueue, cancellationToken, async () =>
            (await sqs.GetQueueUrlAsync(PhysicalName(logicalQueue), CancellationToken.None)).QueueUrl);

    // The look-up itself ignores the caller's token: it is shared, and one caller giving up must not fail the others.
    private static async Task<string> Cached(
        ConcurrentDictionary<string, Lazy<Task<string>>> cache, string key, CancellationToken cancellationToken, Func<Task<string>> lookup)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<string>>(lookup));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch when (entry.Value.IsFaulted)
        {
            // A failed look-up (the emulator not up yet, a transient error) is not remembered.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, entry));
            throw;
        }
    }
}

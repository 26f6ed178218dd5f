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
        Cached(_topicArns, logicalTopic, () => options.Value.AccountId is { } account
            ? Task.FromResult($"arn:aws:sns:{aws.Region}:{account}:{PhysicalName(logicalTopic)}")
            : sns.CreateTopicAsync(PhysicalName(logicalTopic), cancellationToken));

    public Task<string> QueueUrlAsync(string logicalQueue, CancellationToken cancellationToken) =>
        Cached(_queueUrls, logicalQueue, async () =>
            (await sqs.GetQueueUrlAsync(PhysicalName(logicalQueue), cancellationToken)).QueueUrl);

    private static async Task<string> Cached(ConcurrentDictionary<string, Lazy<Task<string>>> cache, string key, Func<Task<string>> lookup)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<string>>(lookup));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed look-up (the emulator not up yet, a transient error) is not remembered.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, entry));
            throw;
        }
    }
}

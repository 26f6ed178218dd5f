using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Shop.Contracts.Topology;

namespace Shop.Deploy.Messaging;

/// <summary>
/// Every topic, queue, dead-letter queue and subscription of <see cref="ShopTopology"/>, by its physical name, encrypted
/// with one customer-managed key. Nothing here is typed twice: a queue added to the topology appears on the next synth.
/// </summary>
public sealed class MessagingStack : Stack
{
    /// <summary>How long SQS keeps a message nobody deleted: the longest it allows, time to fix and redrive.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    /// <summary>The services' visibility timeout when they do not provision (Messaging:VisibilityTimeout's default); handlers extend it.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    public Key Key { get; }

    public IReadOnlyDictionary<string, Topic> Topics { get; }

    public IReadOnlyDictionary<string, Queue> Queues { get; }

    public IReadOnlyDictionary<string, Queue> DeadLetterQueues { get; }

    public MessagingStack(Construct scope, string id, IStackProps props, DeploySettings settings)
        : base(scope, id, props)
    {
        Key = new Key(this, "Key", new KeyProps
        {
            Alias = $"alias/{settings.Prefix}-messaging",
            Description = "Encrypts the shop's topics and queues",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        Topics = ShopTopology.Topics.ToDictionary(topic => topic.Name, topic => new Topic(this, $"Topic-{topic.Name}", new TopicProps
        {
            TopicName = settings.PhysicalName(topic.Name),
            MasterKey = Key,
        }));

        var deadLetterQueues = new Dictionary<string, Queue>();
        var queues = new Dictionary<string, Queue>();
        foreach (var definition in ShopTopology.Queues)
        {
            var deadLetters = Queue(settings.PhysicalName(definition.DeadLetterName), $"DeadLetterQueue-{definition.Name}", deadLetterQueue: null);
            var queue = Queue(
                settings.PhysicalName(definition.Name),
                $"Queue-{definition.Name}",
                new DeadLetterQueue { Queue = deadLetters, MaxReceiveCount = QueueDefinition.MaxReceiveCount });

            foreach (var subscription in definition.Subscriptions)
            {
                // Raw delivery: the body is the event's JSON and the envelope is in message attributes, as locally.
                // The SqsSubscription also lets the topic send to the queue (queue policy) and SNS use the key.
                Topics[subscription.Topic.Name].AddSubscription(new SqsSubscription(queue, new SqsSubscriptionProps
                {
                    RawMessageDelivery = true,
                    FilterPolicy = new Dictionary<string, SubscriptionFilter>
                    {
                        ["type"] = SubscriptionFilter.StringFilter(new StringConditions { Allowlist = [.. subscription.EventTypeNames] }),
                    },
                }));
            }

            deadLetterQueues[definition.Name] = deadLetters;
            queues[definition.Name] = queue;
        }

        Queues = queues;
        DeadLetterQueues = deadLetterQueues;
    }

    private Queue Queue(string name, string id, DeadLetterQueue? deadLetterQueue) => new(this, id, new QueueProps
    {
        QueueName = name,
        Encryption = QueueEncryption.KMS,
        EncryptionMasterKey = Key,
        DataKeyReuse = Duration.Minutes(5),
        EnforceSSL = true,
        RetentionPeriod = Durations.Of(Retention),
        VisibilityTimeout = Durations.Of(VisibilityTimeout),
        DeadLetterQueue = deadLetterQueue,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });
}

namespace Shop.Contracts.Topology;

/// <summary>An SQS queue owned by one consuming service, its subscriptions and its dead-letter queue.</summary>
public sealed record QueueDefinition(string Name, IReadOnlyList<Subscription> Subscriptions)
{
    /// <summary>After this many receives without a delete, SQS moves a message to the dead-letter queue.</summary>
    public const int MaxReceiveCount = 5;

    public string DeadLetterName => Name + "-dlq";

    public IEnumerable<Type> EventTypes => Subscriptions.SelectMany(s => s.EventTypes);
}

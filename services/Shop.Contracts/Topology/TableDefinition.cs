namespace Shop.Contracts.Topology;

/// <summary>
/// A DynamoDB table as the service that owns it creates it locally and the deployment creates it in AWS: on-demand,
/// keyed by one string attribute, with items expiring on <paramref name="TimeToLiveAttribute"/> when it is set.
/// </summary>
/// <param name="Name">Logical name; the physical one carries the messaging prefix (<see cref="PhysicalName"/>).</param>
public sealed record TableDefinition(string Name, string PartitionKey, string? TimeToLiveAttribute = null)
{
    /// <summary>The schema of a DynamoDB-backed consumer's inbox: one item per (consumer, event id), expiring.</summary>
    public static TableDefinition Inbox(string name) => new(name, InboxPartitionKey, InboxTimeToLiveAttribute);

    public const string InboxPartitionKey = "pk";

    public const string InboxTimeToLiveAttribute = "expiresAt";
}

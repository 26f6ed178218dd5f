namespace Shop.Messaging.Inbox;

/// <summary>An event a consumer has applied; it commits in the same transaction as the handler's effects.</summary>
public sealed class InboxMessage
{
    public Guid EventId { get; init; }

    /// <summary>The consuming queue's logical name: one event may be applied once per consumer.</summary>
    public required string Consumer { get; init; }

    public required string Type { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}

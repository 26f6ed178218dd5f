namespace Shop.Messaging.Outbox;

/// <summary>An event waiting to be published; it commits in the same transaction as the change it reports.</summary>
public sealed class OutboxMessage
{
    /// <summary>The event's id (UUID v7): the <c>id</c> attribute, and the key consumers' inboxes deduplicate on.</summary>
    public Guid Id { get; init; }

    /// <summary>Creation order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; init; }

    public required string Type { get; init; }

    /// <summary>Logical topic name, e.g. <c>ordering-events</c>.</summary>
    public required string Topic { get; init; }

    public required string Body { get; init; }

    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}

namespace Shop.Messaging.Sns;

/// <summary>One entry of a PublishBatch call; <paramref name="Id"/> is unique within the batch.</summary>
public sealed record SnsBatchEntry(string Id, string Body, IReadOnlyDictionary<string, string> Attributes);

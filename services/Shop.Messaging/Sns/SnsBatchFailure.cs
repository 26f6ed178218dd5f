namespace Shop.Messaging.Sns;

/// <summary>An entry of a PublishBatch call that SNS refused, and why.</summary>
public sealed record SnsBatchFailure(string Id, string Code, string Message, bool SenderFault);

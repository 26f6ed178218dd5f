namespace Shop.Messaging.Sns;

/// <summary>What SNS said of each entry of a PublishBatch call.</summary>
public sealed record SnsBatchResult(IReadOnlyList<string> Succeeded, IReadOnlyList<SnsBatchFailure> Failed);

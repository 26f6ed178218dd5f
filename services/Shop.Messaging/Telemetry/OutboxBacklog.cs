namespace Shop.Messaging.Telemetry;

/// <summary>How many events wait in the outbox, and for how long the oldest has waited.</summary>
public readonly record struct OutboxBacklog(long Count, TimeSpan OldestAge);

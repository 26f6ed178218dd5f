namespace Shop.Messaging.Consuming;

/// <summary>What the envelope says about the event being handled.</summary>
public sealed record MessageContext(Guid EventId, string Type, DateTimeOffset? Time, string? Source, int ReceiveCount, string Queue);

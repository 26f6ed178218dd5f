using Shop.Contracts.Events;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Applies one consumed event. It changes state through the service's DbContext (and publishes through
/// <see cref="Outbox.IOutbox"/>) without saving: the consumer saves once, in the transaction that also records
/// the event in the inbox, so a redelivered event changes nothing. Throwing makes the delivery fail and retry.
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, MessageContext context, CancellationToken cancellationToken);
}

/// <summary>What the envelope says about the event being handled.</summary>
public sealed record MessageContext(Guid EventId, string Type, DateTimeOffset? Time, string? Source, int ReceiveCount, string Queue);

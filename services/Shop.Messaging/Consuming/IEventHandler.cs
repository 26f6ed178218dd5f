using Shop.Contracts.Events;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Applies one consumed event through the service's unit of work without committing it: the service's DbContext
/// (and <see cref="Outbox.IOutbox"/>) for a PostgreSQL service, <c>DynamoWrites</c> (Shop.Messaging.DynamoDb) for a
/// DynamoDB one. The consumer commits the handler's changes together with the event's inbox record, so a
/// redelivered event changes nothing. Throwing makes the delivery fail and retry.
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, MessageContext context, CancellationToken cancellationToken);
}

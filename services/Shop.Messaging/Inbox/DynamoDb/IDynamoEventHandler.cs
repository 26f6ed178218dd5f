using Amazon.DynamoDBv2.Model;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Messaging.Inbox.DynamoDb;

/// <summary>
/// Applies one consumed event to DynamoDB: it returns the writes to make instead of making them, so the consumer
/// commits them in one TransactWriteItems together with a conditional put of the inbox record. A redelivered
/// event fails that condition and changes nothing.
/// </summary>
public interface IDynamoEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task<IReadOnlyList<TransactWriteItem>> HandleAsync(TEvent @event, MessageContext context, CancellationToken cancellationToken);
}

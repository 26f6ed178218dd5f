using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Messaging.Inbox.DynamoDb;

public sealed record DynamoHandlerRegistration(
    string Type,
    Type EventType,
    Func<IServiceProvider, object, MessageContext, CancellationToken, Task<IReadOnlyList<TransactWriteItem>>> Invoke)
    : IHandlerRegistration
{
    public static DynamoHandlerRegistration For<TEvent>()
        where TEvent : IIntegrationEvent =>
        new(
            Shop.Contracts.Topology.EventType.NameOf<TEvent>(),
            typeof(TEvent),
            (services, @event, context, cancellationToken) =>
                services.GetRequiredService<IDynamoEventHandler<TEvent>>().HandleAsync((TEvent)@event, context, cancellationToken));
}

using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;

namespace Shop.Messaging.Consuming;

/// <summary>How to call the handler for one event type: the <c>type</c> attribute value, the CLR type and a typed call.</summary>
internal sealed record HandlerRegistration(string Type, Type EventType, Func<IServiceProvider, object, MessageContext, CancellationToken, Task> Invoke)
{
    public static HandlerRegistration For<TEvent>()
        where TEvent : IIntegrationEvent =>
        new(
            Shop.Contracts.Topology.EventType.NameOf<TEvent>(),
            typeof(TEvent),
            (services, @event, context, cancellationToken) =>
                services.GetRequiredService<IEventHandler<TEvent>>().HandleAsync((TEvent)@event, context, cancellationToken));
}

using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Consuming;

namespace Shop.Messaging;

/// <summary>Registers a service's event handlers, whatever store its inbox is in.</summary>
public sealed class MessagingBuilder(IServiceCollection services, ServiceTopology topology)
{
    public IServiceCollection Services { get; } = services;

    public MessagingBuilder AddHandler<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        if (topology.Consumes is not { } queue || !queue.EventTypes.Contains(typeof(TEvent)))
        {
            throw new InvalidOperationException(
                $"{topology.Service}'s queue does not subscribe to {typeof(TEvent).Name}, so {typeof(THandler).Name} would never run.");
        }

        Services.AddScoped<IEventHandler<TEvent>, THandler>();
        Services.AddSingleton(HandlerRegistration.For<TEvent>());
        return this;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Consuming;
using Shop.Messaging.Inbox.DynamoDb;

namespace Shop.Messaging;

/// <summary>Registers a PostgreSQL-backed service's event handlers.</summary>
public sealed class MessagingBuilder(IServiceCollection services, ServiceTopology topology)
{
    public IServiceCollection Services { get; } = services;

    public MessagingBuilder AddHandler<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        topology.EnsureConsumes<TEvent, THandler>();
        Services.AddScoped<IEventHandler<TEvent>, THandler>();
        Services.AddSingleton(HandlerRegistration.For<TEvent>());
        return this;
    }
}

/// <summary>Registers a DynamoDB-backed service's event handlers.</summary>
public sealed class DynamoMessagingBuilder(IServiceCollection services, ServiceTopology topology)
{
    public IServiceCollection Services { get; } = services;

    public DynamoMessagingBuilder AddHandler<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IDynamoEventHandler<TEvent>
    {
        topology.EnsureConsumes<TEvent, THandler>();
        Services.AddScoped<IDynamoEventHandler<TEvent>, THandler>();
        Services.AddSingleton(DynamoHandlerRegistration.For<TEvent>());
        return this;
    }
}

internal static class TopologyChecks
{
    public static void EnsureConsumes<TEvent, THandler>(this ServiceTopology topology)
    {
        if (topology.Consumes is not { } queue || !queue.EventTypes.Contains(typeof(TEvent)))
        {
            throw new InvalidOperationException(
                $"{topology.Service}'s queue does not subscribe to {typeof(TEvent).Name}, so {typeof(THandler).Name} would never run.");
        }
    }
}

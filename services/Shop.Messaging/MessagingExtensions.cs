using Amazon.SQS;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Aws;
using Shop.Messaging.Consuming;
using Shop.Messaging.Outbox;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Sns;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Everything a service needs to publish and consume its part of <paramref name="topology"/>: the outbox and its
    /// dispatcher, the queue consumer with its inbox, provisioning for local runs, tracing and metrics.
    /// <typeparamref name="TDbContext"/> must map the tables (<c>modelBuilder.AddOutboxAndInbox()</c>).
    /// </summary>
    public static MessagingBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, ServiceTopology topology)
        where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSnsClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAmazonSQS>(sp => new AmazonSQSClient(sp.GetRequiredService<AwsSettings>().CreateSqsConfig()));
        services.AddSingleton(topology);
        services.AddSingleton<MessagingResources>();
        services.AddSingleton<MessagingTelemetry>();
        services.AddSingleton<TopologyProvisioner>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        services.AddScoped<IOutbox, EfOutbox<TDbContext>>();

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MessagingTelemetry.Name));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MessagingTelemetry.Name));

        // Hosted services start in registration order: the topology exists before anything uses it.
        services.AddHostedService<ProvisionOnStart>();
        if (topology.Publishes is not null)
        {
            services.AddSingleton<OutboxPublisher>();
            services.AddHostedService<OutboxDispatcher<TDbContext>>();
        }

        if (topology.Consumes is not null)
        {
            services.AddSingleton<EventDispatcher<TDbContext>>();
            services.AddHostedService<QueueConsumer<TDbContext>>();
            services.AddHealthChecks().AddCheck<QueueHealthCheck>("queue");
        }

        return new MessagingBuilder(services, topology);
    }
}

/// <summary>Registers the service's event handlers.</summary>
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

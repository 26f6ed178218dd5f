using Amazon.DynamoDBv2;
using Amazon.SQS;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.Contracts.Topology;
using Shop.Messaging.Aws;
using Shop.Messaging.Consuming;
using Shop.Messaging.Inbox;
using Shop.Messaging.Inbox.DynamoDb;
using Shop.Messaging.Outbox;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Sns;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Everything a PostgreSQL-backed service needs to publish and consume its part of <paramref name="topology"/>:
    /// the outbox and its dispatcher, the queue consumer with its inbox, provisioning for local runs, tracing and
    /// metrics. <typeparamref name="TDbContext"/> must map the tables (<c>modelBuilder.AddOutboxAndInbox()</c>);
    /// the start fails if it does not.
    /// </summary>
    public static MessagingBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, ServiceTopology topology)
        where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddHostedService<MessagingModelCheck<TDbContext>>();
        services.AddMessagingCore(topology);
        if (topology.Publishes is not null)
        {
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton<OutboxCommitInterceptor>();
            services.ConfigureDbContext<TDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()));
            services.AddScoped<IOutbox, EfOutbox<TDbContext>>();
            services.AddSingleton<OutboxPublisher>();
            services.AddHostedService<OutboxDispatcher<TDbContext>>();
        }

        services.AddConsumer<EfInbox<TDbContext>>(topology);
        return new MessagingBuilder(services, topology);
    }

    /// <summary>
    /// The consuming side for a service whose state is in DynamoDB: handlers add their writes to
    /// <see cref="DynamoWrites"/> and each event is applied with them in one transaction guarded by a conditional
    /// inbox put (table <paramref name="inboxTable"/>). Such a service publishes nothing: there is no DynamoDB outbox.
    /// </summary>
    public static MessagingBuilder AddDynamoDbMessaging(this IHostApplicationBuilder builder, ServiceTopology topology, string inboxTable)
    {
        if (topology.Publishes is not null || topology.Consumes is null)
        {
            throw new InvalidOperationException($"{topology.Service}: DynamoDB messaging consumes only; publishing needs the PostgreSQL outbox.");
        }

        var services = builder.Services;
        services.AddMessagingCore(topology);
        services.TryAddSingleton<IAmazonDynamoDB>(sp => new AmazonDynamoDBClient(sp.GetRequiredService<AwsSettings>().CreateDynamoDbConfig()));
        services.AddSingleton(sp => new DynamoInbox(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<MessagingResources>().PhysicalName(inboxTable), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProvisioningStep>(sp => sp.GetRequiredService<DynamoInbox>());
        services.AddScoped<DynamoWrites>();
        services.AddConsumer<DynamoInbox>(topology);
        return new MessagingBuilder(services, topology);
    }

    private static void AddMessagingCore(this IServiceCollection services, ServiceTopology topology)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
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

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MessagingTelemetry.Name));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MessagingTelemetry.Name));

        // Hosted services start in registration order: the topology exists before anything uses it.
        services.AddHostedService<ProvisionOnStart>();
    }

    private static void AddConsumer<TInbox>(this IServiceCollection services, ServiceTopology topology)
        where TInbox : class, IInbox
    {
        if (topology.Consumes is null)
        {
            return;
        }

        services.AddSingleton<IInbox>(sp => sp.GetRequiredService<TInbox>());
        services.TryAddSingleton<TInbox>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddHostedService<QueueConsumer>();
        services.AddHealthChecks().AddCheck<QueueHealthCheck>("queue", timeout: QueueHealthCheck.Timeout);
    }
}

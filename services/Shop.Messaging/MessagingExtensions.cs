using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.Contracts.Topology;
using Shop.Messaging.Aws;
using Shop.Messaging.Consuming;
using Shop.Messaging.Inbox;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Sns;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging;

/// <summary>
/// What every service's messaging shares, whatever store holds its inbox: Shop.Messaging.Postgres
/// (<c>AddMessaging&lt;TDbContext&gt;</c>) and Shop.Messaging.DynamoDb (<c>AddDynamoDbMessaging</c>) build on it.
/// </summary>
internal static class MessagingExtensions
{
    public static void AddMessagingCore(this IServiceCollection services, ServiceTopology topology)
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

    public static void AddConsumer<TInbox>(this IServiceCollection services, ServiceTopology topology)
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

using OpenTelemetry.Metrics;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Ordering.Data;
using Shop.Ordering.Handlers;
using Shop.Ordering.Sweeping;
using Shop.Data;

namespace Shop.Ordering;

public static class OrderingExtensions
{
    /// <summary>The orders database, the saga's events in and out, and the sweeper of stalled orders.</summary>
    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<OrderingDbContext>("Ordering");
        builder.AddMessaging<OrderingDbContext>(ShopTopology.Ordering)
            .AddHandler<StockReserved, StockReservedHandler>()
            .AddHandler<StockRejected, StockRejectedHandler>()
            .AddHandler<PaymentSucceeded, PaymentSucceededHandler>()
            .AddHandler<PaymentFailed, PaymentFailedHandler>();

        builder.Services.AddScoped<OrderEventApplier>();
        builder.Services.AddSingleton<OrderingMetrics>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(OrderingMetrics.MeterName));
        builder.Services.AddOptions<OrderingOptions>()
            .BindConfiguration(OrderingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<OrderTimeoutSweeper>();
        return builder;
    }
}

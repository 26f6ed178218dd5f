using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// The service's name as telemetry reports it: <c>OTEL_SERVICE_NAME</c> when set, else the application name.
    /// It also names the service's own ActivitySource and Meter.
    /// </summary>
    public static string ServiceName(this IHostApplicationBuilder builder) =>
        builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;

    /// <summary>
    /// How many attribute combinations each metric keeps; measurements with any further combination are counted in
    /// the metric's overflow point (attribute <c>otel.metric.overflow</c>). The SDK allocates room for all of them when
    /// the metric is created: its default, 2,000, is ~190 kB per metric on the large object heap, for each of a
    /// service's ~65 metrics. The widest here, the gateway's request duration by route, method and status, has 16
    /// routes, most with one method, each answering a handful of statuses: far below 500.
    /// </summary>
    public const int DefaultMetricCardinalityLimit = 500;

    public const string MetricCardinalityLimitKey = "Telemetry:MetricCardinalityLimit";

    public static IHostApplicationBuilder AddShopTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.ServiceName();
        var cardinalityLimit = builder.Configuration.GetValue(MetricCardinalityLimitKey, DefaultMetricCardinalityLimit);
        if (cardinalityLimit < 1)
        {
            throw new InvalidOperationException($"{MetricCardinalityLimitKey} must be 1 or more, not {cardinalityLimit}.");
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(serviceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
                .AddMeter(serviceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        // The exporter reads OTEL_EXPORTER_OTLP_* itself; without an endpoint there is nowhere to send to.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsHealthProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

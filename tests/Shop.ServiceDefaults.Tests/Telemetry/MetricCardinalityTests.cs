using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Shop.ServiceDefaults.Telemetry;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Telemetry;

public sealed class MetricCardinalityTests
{
    private const string ServiceName = "cardinality-test";

    [Fact]
    public void A_metric_keeps_the_default_number_of_attribute_combinations_and_counts_the_rest_in_its_overflow_point()
    {
        var points = RecordOnePerCombination(TelemetryExtensions.DefaultMetricCardinalityLimit + 50, configuredLimit: null);

        AssertLimitedTo(points, TelemetryExtensions.DefaultMetricCardinalityLimit, recorded: TelemetryExtensions.DefaultMetricCardinalityLimit + 50);
    }

    [Fact]
    public void The_limit_comes_from_configuration_when_set()
    {
        var points = RecordOnePerCombination(100, configuredLimit: 20);

        AssertLimitedTo(points, 20, recorded: 100);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_limit_below_one_stops_the_service_at_start_naming_the_setting(string limit)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[TelemetryExtensions.MetricCardinalityLimitKey] = limit;

        Should.Throw<InvalidOperationException>(() => builder.AddShopTelemetry())
            .Message.ShouldBe($"Telemetry:MetricCardinalityLimit must be 1 or more, not {limit}.");
    }

    private static void AssertLimitedTo(IReadOnlyList<(bool Overflow, long Sum)> points, int limit, int recorded)
    {
        var kept = points.Count(point => !point.Overflow);
        kept.ShouldBeLessThanOrEqualTo(limit);
        kept.ShouldBeGreaterThan(limit - 3, "the limit leaves room for the combinations, not a fraction of them");
        points.Count(point => point.Overflow).ShouldBe(1);
        points.Sum(point => point.Sum).ShouldBe(recorded, "no measurement is dropped: the ones over the limit are in the overflow point");
    }

    private static List<(bool Overflow, long Sum)> RecordOnePerCombination(int combinations, int? configuredLimit)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_SERVICE_NAME"] = ServiceName;
        if (configuredLimit is { } limit)
        {
            builder.Configuration[TelemetryExtensions.MetricCardinalityLimitKey] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        builder.AddShopTelemetry();
        var exported = new List<Metric>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        var provider = host.Services.GetRequiredService<MeterProvider>();

        using var meter = new Meter(ServiceName);
        var counter = meter.CreateCounter<long>("cardinality_test.requests");
        for (var i = 0; i < combinations; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("customer", $"customer-{i}"));
        }
        provider.ForceFlush().ShouldBeTrue();

        var points = new List<(bool, long)>();
        foreach (var point in exported.Single(metric => metric.Name == "cardinality_test.requests").GetMetricPoints())
        {
            var overflow = false;
            foreach (var tag in point.Tags)
            {
                overflow |= tag.Key == "otel.metric.overflow";
            }
            points.Add((overflow, point.GetSumLong()));
        }
        return points;
    }
}

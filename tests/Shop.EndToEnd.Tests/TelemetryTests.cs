using System.Diagnostics;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class TelemetryTests(RunningShop shop)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_through_the_gateway_is_one_trace_from_gateway_into_catalog_in_the_dashboard()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products/1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await shop.Anonymous().SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();

        // Exporters send in batches (every few seconds), so the trace reaches the dashboard a little later.
        var spans = await Poll.UntilAsync(
            () => shop.Dashboard.SpansOfTraceAsync(traceId, Ct),
            spans => spans.Of("catalog").Any() && spans.Of("gateway").Any(),
            TimeSpan.FromSeconds(60),
            $"spans of trace {traceId} from both gateway and catalog",
            interval: TimeSpan.FromSeconds(1));

        // One trace, not two that share an id by chance: catalog's server span is a child of a gateway span.
        var gatewaySpans = spans.Of("gateway").Select(span => span.SpanId).ToHashSet();
        var catalogServer = spans.Of("catalog").First(span => span.Name.StartsWith("GET /api/catalog/products", StringComparison.Ordinal));
        gatewaySpans.ShouldContain(catalogServer.ParentSpanId!);
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class TelemetryTests(RunningShop shop)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_through_the_gateway_is_one_trace_from_gateway_into_catalog_in_the_dashboard()
    {
        var dashboard = shop.RequireDashboard();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products/1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await shop.Anonymous().SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();

        // Exporters send in batches (every few seconds), so the trace reaches the dashboard a little later.
        var spans = await Poll.UntilAsync(
            () => dashboard.SpansOfTraceAsync(traceId, Ct),
            spans => spans.Of("catalog").Any() && spans.Of("gateway").Any(),
            TimeSpan.FromSeconds(60),
            $"spans of trace {traceId} from both gateway and catalog",
            interval: TimeSpan.FromSeconds(1));

        // One trace, not two that share an id by chance: catalog's server span is a child of a gateway span.
        var gatewaySpans = spans.Of("gateway").Select(span => span.SpanId).ToHashSet();
        var catalogServer = spans.Of("catalog").First(span => span.Name.StartsWith("GET /api/catalog/products", StringComparison.Ordinal));
        gatewaySpans.ShouldContain(catalogServer.ParentSpanId!);
    }

    [Fact]
    public async Task An_order_is_one_trace_from_the_post_through_every_hop_of_its_saga()
    {
        var dashboard = shop.RequireDashboard();
        var product = await new ShopApi(shop).CreateProductAsync(price: 2m, stock: 5);
        var customer = await shop.AsAsync("traced-" + Guid.NewGuid().ToString("N"));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = new[] { new { productId = product, quantity = 1 } },
                shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await customer.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        (await ShopApi.FinalOrderAsync(customer, orderId)).GetProperty("status").GetString().ShouldBe("Confirmed");

        // The gateway's span, and every consumer's process span, in the trace the POST started: catalog and basket
        // (OrderPlaced), ordering (StockReserved, PaymentSucceeded), payment (PaymentRequested), notification
        // (OrderConfirmed). Each service exports in its own batches, so the gateway's may arrive after the consumers'.
        string[] consumers = ["catalog", "basket", "ordering", "payment", "notification"];
        var spans = await Poll.UntilAsync(
            () => dashboard.SpansOfTraceAsync(traceId, Ct),
            spans => spans.Of("gateway").Any()
                && consumers.All(service => spans.Of(service).Any(span => span.Name.StartsWith("process ", StringComparison.Ordinal)))
                && spans.Of("ordering").Count(span => span.Name.StartsWith("process ", StringComparison.Ordinal)) >= 2,
            TimeSpan.FromSeconds(90),
            $"the gateway's span and a process span of every consumer in trace {traceId}",
            interval: TimeSpan.FromSeconds(1));

        spans.All.Count(span => span.Name.StartsWith("publish ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(4);
    }
}

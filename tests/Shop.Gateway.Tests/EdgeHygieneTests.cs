using System.Net;
using System.Text;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary>A 1 KB body limit, a 1 s timeout on catalog reads, and one allowed CORS origin.</summary>
public sealed class EdgeGateway : KestrelGateway
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Edge:MaxRequestBodyBytes"] = "1024",
        ["ReverseProxy:Routes:catalog-read:Timeout"] = "00:00:01",
        ["Cors:AllowedOrigins:0"] = "https://shop.example",
    };
}

public sealed class EdgeHygieneTests(EdgeGateway gateway) : IClassFixture<EdgeGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/catalog/products")]
    [InlineData("/health/live")]
    public async Task Responses_carry_security_headers_and_no_server_header(string path)
    {
        var response = await gateway.Client().GetAsync(path, Ct);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task A_well_formed_request_id_is_forwarded_and_echoed()
    {
        gateway.Catalog.Requests.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products") { Headers = { { "X-Request-Id", "order-42.retry:1" } } };

        var response = await gateway.Client().SendAsync(request, Ct);

        response.Headers.GetValues("X-Request-Id").ShouldBe(["order-42.retry:1"]);
        gateway.Catalog.Requests.ShouldHaveSingleItem().RequestId.ShouldBe("order-42.retry:1");
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task A_malformed_or_missing_request_id_is_replaced_by_a_new_one(string incoming)
    {
        gateway.Catalog.Requests.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.TryAddWithoutValidation("X-Request-Id", incoming);

        var response = await gateway.Client().SendAsync(request, Ct);

        var echoed = response.Headers.GetValues("X-Request-Id").ShouldHaveSingleItem();
        echoed.ShouldMatch("^[0-9a-f]{32}$");
        gateway.Catalog.Requests.ShouldHaveSingleItem().RequestId.ShouldBe(echoed);
    }

    [Theory]
    [InlineData("Idempotency-Key", "ключ")]
    [InlineData("X-Trace-Note", "caf\u00e9")]
    [InlineData("X-Trace-Note", "a\u0001\u001b[31m")]
    public async Task A_header_value_that_is_not_printable_ascii_is_400_naming_it_and_reaches_no_service(string header, string value)
    {
        gateway.Catalog.Requests.Clear();
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain($"\"{header}\"");
        gateway.Catalog.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/html;q=abc")]
    [InlineData("*/*;q=-1")]
    [InlineData("application/json, ,;")]
    public async Task An_error_is_problem_json_whatever_the_accept_header_says(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await gateway.Client().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_reaches_no_service()
    {
        gateway.Catalog.Requests.Clear();
        var body = new StringContent("{\"name\":\"" + new string('x', 2000) + "\"}", Encoding.UTF8, "application/json");

        var response = await gateway.Client(gateway.Token("ops", "admin")).PostAsync("/api/catalog/products", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        gateway.Catalog.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2000, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(500, HttpStatusCode.OK)]
    public async Task A_chunked_body_is_measured_before_it_is_forwarded(int length, HttpStatusCode expected)
    {
        gateway.Catalog.Requests.Clear();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products")
        {
            Content = new StringContent("{\"name\":\"" + new string('x', length) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await gateway.Client(gateway.Token("ops", "admin")).SendAsync(request, Ct);

        response.StatusCode.ShouldBe(expected);
        gateway.Catalog.Requests.Count.ShouldBe(expected == HttpStatusCode.OK ? 1 : 0);
    }

    [Fact]
    public async Task A_slow_service_is_a_504_when_the_routes_timeout_expires()
    {
        var started = TimeProvider.System.GetTimestamp();

        var response = await gateway.Client().GetAsync("/api/catalog/products?delayMs=10000", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(8), "the 1 s route timeout, not the service, should end it");
    }

    [Theory]
    [InlineData("https://shop.example", true)]
    [InlineData("https://evil.example", false)]
    public async Task Only_configured_origins_pass_a_cors_preflight(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/catalog/products")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" } },
        };

        var response = await gateway.Client().SendAsync(preflight, Ct);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBe(allowed);
    }
}

public sealed class ClosedCorsTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    [Fact]
    public async Task Without_configured_origins_no_origin_is_allowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products") { Headers = { { "Origin", "https://shop.example" } } };

        var response = await gateway.Client().SendAsync(request, TestContext.Current.CancellationToken);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}

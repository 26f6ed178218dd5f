using System.Net;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary>Anonymous callers get 3 requests per hour, so the fourth is over the limit.</summary>
public class RateLimitedGateway : KestrelGateway
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Anonymous:TokenLimit"] = "3",
        ["RateLimiting:Anonymous:TokensPerPeriod"] = "1",
        ["RateLimiting:Anonymous:ReplenishmentPeriod"] = "01:00:00",
    };
}

/// <summary>The same limits behind a load balancer at 127.0.0.1, whose <c>X-Forwarded-For</c> is believed.</summary>
public sealed class BehindKnownProxyGateway : RateLimitedGateway
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Anonymous:TokenLimit"] = "3",
        ["RateLimiting:Anonymous:TokensPerPeriod"] = "1",
        ["RateLimiting:Anonymous:ReplenishmentPeriod"] = "01:00:00",
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };
}

public sealed class RateLimitTests(RateLimitedGateway gateway) : IClassFixture<RateLimitedGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_limit_is_429_with_retry_after_and_others_are_unaffected()
    {
        // One test, in order: the buckets are the fixture's, for its lifetime.
        var client = gateway.Client();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/catalog/products", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var limited = await client.GetAsync("/api/catalog/products", Ct);

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter?.Delta.ShouldNotBeNull();
        limited.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        limited.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");

        // A spoofed X-Forwarded-For from a peer nobody configured as a proxy changes nothing.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        (await client.SendAsync(spoofed, Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // A signed-in caller has a bucket of their own; health is never limited.
        (await gateway.Client(gateway.Token("alice")).GetAsync("/api/catalog/products", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class ForwardedClientTests(BehindKnownProxyGateway gateway) : IClassFixture<BehindKnownProxyGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_client_has_its_own_bucket()
    {
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync("198.51.100.1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await SendAsync("198.51.100.1")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await SendAsync("198.51.100.2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> SendAsync(string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products") { Headers = { { "X-Forwarded-For", client } } };
        return await gateway.Client().SendAsync(request, Ct);
    }
}

using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace Shop.Gateway.Tests;

public sealed class GatewayRoutingTests(RecordingUpstream catalog) : IClassFixture<RecordingUpstream>, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _gateway;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
            .UseSetting("Auth:DevIssuer:Enabled", "false")
            .UseSetting("ReverseProxy:Clusters:catalog:Destinations:primary:Address", catalog.Address.ToString()));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Catalog_requests_reach_the_configured_destination_with_path_query_and_authorization()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products?pageSize=5&q=tea");
        request.Headers.Authorization = new("Bearer", "token-123");

        var response = await Gateway.CreateClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"upstream":true}""");
        var forwarded = catalog.Requests.ShouldHaveSingleItem();
        forwarded.PathAndQuery.ShouldBe("/api/catalog/products?pageSize=5&q=tea");
        forwarded.Authorization.ShouldBe("Bearer token-123");
    }

    [Fact]
    public async Task The_callers_trace_continues_into_the_service()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/categories");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await Gateway.CreateClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var traceParent = catalog.Requests.ShouldHaveSingleItem().TraceParent;
        traceParent.ShouldStartWith($"00-{traceId}-");
        traceParent.ShouldNotContain("00f067aa0ba902b7", customMessage: "the gateway's own span should be the parent");
    }

    [Fact]
    public async Task Paths_without_a_route_are_404_problem_details_and_reach_no_service()
    {
        var response = await Gateway.CreateClient().GetAsync("/api/nowhere/1", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        catalog.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_gateway_answers_its_own_health_endpoints(string path)
    {
        var response = await Gateway.CreateClient().GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        catalog.Requests.ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        catalog.Requests.Clear();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    private WebApplicationFactory<Program> Gateway => _gateway!;
}

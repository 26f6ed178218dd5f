using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary>The gateway enforces each route's policy from configuration before anything reaches a service.</summary>
public sealed class EdgeAuthorizationTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_route_names_its_authorization_policy()
    {
        var routes = gateway.Configuration.GetSection("ReverseProxy:Routes").GetChildren().ToList();

        routes.ShouldNotBeEmpty();
        routes.ShouldAllBe(route => !string.IsNullOrWhiteSpace(route["AuthorizationPolicy"]), "a route without a policy would be open by accident");
    }

    [Fact]
    public async Task A_catalog_read_needs_no_token()
    {
        gateway.Catalog.Requests.Clear();

        var response = await gateway.Client().GetAsync("/api/catalog/products", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        gateway.Catalog.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_catalog_write_without_a_token_is_401_at_the_gateway()
    {
        gateway.Catalog.Requests.Clear();

        var response = await gateway.Client().PutAsJsonAsync("/api/catalog/products/1", new { name = "x" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        gateway.Catalog.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_customer_token_on_a_catalog_write_is_403_at_the_gateway()
    {
        gateway.Catalog.Requests.Clear();
        var token = await TokenAsync("customer-1", "customer");

        var response = await gateway.Client(token).PostAsJsonAsync("/api/catalog/products", new { name = "x" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        gateway.Catalog.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(BadToken.Expired)]
    [InlineData(BadToken.WrongIssuer)]
    [InlineData(BadToken.WrongAudience)]
    [InlineData(BadToken.Tampered)]
    [InlineData(BadToken.AlgNone)]
    [InlineData(BadToken.ForeignKey)]
    public async Task A_bad_admin_token_is_401_at_the_gateway(BadToken kind)
    {
        gateway.Catalog.Requests.Clear();
        var token = BadTokens.Create(kind, gateway.SigningKey.Credentials, gateway.Issuer, KestrelGateway.Audience, "admin");

        var response = await gateway.Client(token).PostAsJsonAsync("/api/catalog/products", new { name = "x" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        gateway.Catalog.Requests.ShouldBeEmpty();
    }

    private async Task<string> TokenAsync(string subject, params string[] roles)
    {
        var response = await gateway.Client().PostAsJsonAsync("/dev/token", new { sub = subject, roles }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()!;
    }
}

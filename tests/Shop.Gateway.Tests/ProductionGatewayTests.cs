using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary>The gateway as deployed: tokens come from the configured authority (Cognito); there is no issuer of its own.</summary>
public sealed class ProductionGatewayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("GET", "/.well-known/jwks.json")]
    [InlineData("POST", "/dev/token")]
    public async Task The_development_issuer_does_not_exist_in_Production(string method, string path)
    {
        await using var gateway = Gateway("Production");
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { sub = "alice", roles = new[] { "admin" } }) : null,
        };

        var response = await gateway.CreateClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Enabling_the_development_issuer_outside_Development_stops_the_gateway_at_start()
    {
        using var gateway = Gateway("Production", ("Auth:DevIssuer:Enabled", "true"));

        var failure = Should.Throw<OptionsValidationException>(() => gateway.CreateClient());

        failure.Message.ShouldContain("Auth:DevIssuer:Enabled");
    }

    private static WebApplicationFactory<Program> Gateway(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment).UseSetting("Auth:Authority", "https://issuer.invalid/");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
}

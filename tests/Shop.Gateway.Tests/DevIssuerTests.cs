using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Shop.Gateway.Tests;

public sealed class DevIssuerTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_from_dev_token_opens_the_admin_route()
    {
        gateway.Catalog.Requests.Clear();
        var issued = await gateway.Client().PostAsJsonAsync("/dev/token", new { sub = "alice", roles = new[] { "admin" } }, Ct);

        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(8 * 3600);
        var token = body.GetProperty("access_token").GetString()!;

        var response = await gateway.Client(token).PostAsJsonAsync("/api/catalog/products", new { name = "x" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        gateway.Catalog.Requests.ShouldHaveSingleItem().Authorization.ShouldBe("Bearer " + token);
    }

    [Fact]
    public async Task The_discovery_document_names_this_issuer_and_its_jwks_holds_the_signing_key()
    {
        var discovery = await gateway.Client().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);
        discovery.GetProperty("issuer").GetString().ShouldBe(gateway.Issuer);
        var jwksUri = discovery.GetProperty("jwks_uri").GetString()!;

        var jwks = await gateway.Client().GetFromJsonAsync<JsonElement>(jwksUri, Ct);

        var key = jwks.GetProperty("keys").EnumerateArray().ShouldHaveSingleItem();
        key.GetProperty("kty").GetString().ShouldBe("RSA");
        key.GetProperty("kid").GetString().ShouldBe(gateway.SigningKey.Key.KeyId);
        key.TryGetProperty("d", out _).ShouldBeFalse("the private exponent must never be published");
    }

    [Theory]
    [InlineData("""{}""", "sub")]
    [InlineData("""{"sub":""}""", "sub")]
    [InlineData("""{"sub":"two words"}""", "sub")]
    [InlineData("""{"sub":"tab\there"}""", "sub")]
    [InlineData("""{"sub":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "sub")]
    [InlineData("""{"sub":"alice","roles":["admin","<script>"]}""", "roles[1]")]
    [InlineData("""{"sub":"alice","roles":[null]}""", "roles[0]")]
    [InlineData("""{"sub":"alice","roles":["a","b","c","d","e","f","g","h","i","j","k"]}""", "roles")]
    public async Task A_bad_request_is_a_problem_naming_the_field(string body, string field)
    {
        var response = await gateway.Client().PostAsync("/dev/token", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("""{"sub":5}""")]
    [InlineData("""{"sub":"alice","roles":"admin"}""")]
    [InlineData("""not json""")]
    public async Task A_body_that_is_not_the_request_shape_is_400(string body)
    {
        var response = await gateway.Client().PostAsync("/dev/token", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}

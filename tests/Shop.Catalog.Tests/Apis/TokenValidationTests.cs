using System.Net;
using System.Net.Http.Json;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

/// <summary>The catalog checks tokens itself, so a bad token sent straight to it (not through the gateway) changes nothing.</summary>
public sealed class TokenValidationTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(BadToken.Expired)]
    [InlineData(BadToken.WrongIssuer)]
    [InlineData(BadToken.WrongAudience)]
    [InlineData(BadToken.Tampered)]
    [InlineData(BadToken.AlgNone)]
    [InlineData(BadToken.ForeignKey)]
    public async Task A_bad_admin_token_is_401_and_creates_nothing(BadToken kind)
    {
        var name = $"Forged {kind}";
        var response = await app.WithToken(app.BadToken(kind, "admin")).PostAsJsonAsync(
            "/api/catalog/products",
            new { name, description = "", category = "Kitchen", price = 1m, currency = "USD", availableStock = 1 },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var found = await app.Anonymous().GetFromJsonAsync<ProductPage>($"/api/catalog/products?q={Uri.EscapeDataString(name)}", Ct);
        found!.TotalCount.ShouldBe(0);
    }

    private sealed record ProductPage(int TotalCount);
}

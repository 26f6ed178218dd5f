using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class CatalogThroughGatewayTests(RunningShop shop)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_pages_through_products_with_a_total_count()
    {
        var page = await shop.Anonymous().GetFromJsonAsync<JsonElement>("/api/catalog/products?pageSize=5", Ct);

        page.GetProperty("items").GetArrayLength().ShouldBe(5);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(100);
    }

    [Fact]
    public async Task An_admin_adds_a_product_that_customers_then_find()
    {
        var name = "E2E Kettle " + Guid.NewGuid().ToString("N")[..6];
        var created = await (await shop.AsAsync("ops", "admin")).PostAsJsonAsync(
            "/api/catalog/products",
            new { name, description = "Whistles.", category = "Kitchen", price = 31.5m, currency = "USD", availableStock = 3 },
            Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var found = await shop.Anonymous().GetFromJsonAsync<JsonElement>($"/api/catalog/products?q={Uri.EscapeDataString(name)}", Ct);
        found.GetProperty("totalCount").GetInt32().ShouldBe(1);
        found.GetProperty("items")[0].GetProperty("price").GetDecimal().ShouldBe(31.5m);
    }

    [Fact]
    public async Task A_customer_cannot_change_the_catalog()
    {
        var response = await (await shop.AsAsync("customer-7")).PutAsJsonAsync(
            "/api/catalog/products/1",
            new { name = "Hijacked", description = "", category = "Coffee", price = 0.01m, currency = "USD", availableStock = 1 },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var product = await shop.Anonymous().GetFromJsonAsync<JsonElement>("/api/catalog/products/1", Ct);
        product.GetProperty("name").GetString().ShouldNotBe("Hijacked");
    }

    [Fact]
    public async Task An_unknown_product_is_a_problem_naming_the_id()
    {
        var response = await shop.Anonymous().GetAsync("/api/catalog/products/777777", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("errors").TryGetProperty("id", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_gateway_reports_ready()
    {
        var response = await shop.Anonymous().GetAsync("/health/ready", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

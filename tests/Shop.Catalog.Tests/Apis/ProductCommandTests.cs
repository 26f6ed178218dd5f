using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using Shop.Catalog.Apis;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

public sealed class ProductCommandTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static readonly ProductRequest NewMug = new("Stoneware Mug", "Holds 350 ml.", "Kitchen", 12.40m, "USD", 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_product_that_can_then_be_read()
    {
        var response = await app.Admin().PostAsJsonAsync("/api/catalog/products", NewMug, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<ProductDto>(Ct);
        created!.Id.ShouldBeGreaterThan(100);
        response.Headers.Location!.ToString().ShouldEndWith($"/api/catalog/products/{created.Id}");
        var read = await app.Anonymous().GetFromJsonAsync<ProductDto>(response.Headers.Location, Ct);
        read.ShouldBe(created);
        read!.Name.ShouldBe("Stoneware Mug");
    }

    [Fact]
    public async Task An_admin_replaces_a_product()
    {
        var response = await app.Admin().PutAsJsonAsync("/api/catalog/products/7", NewMug with { Name = "Renamed", Price = 99.99m }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await app.Anonymous().GetFromJsonAsync<ProductDto>("/api/catalog/products/7", Ct);
        read.ShouldBe(new ProductDto(7, "Renamed", "Holds 350 ml.", "Kitchen", 99.99m, "USD", 15));
    }

    [Fact]
    public async Task Writing_without_a_token_is_401_and_without_the_admin_role_403_and_changes_nothing()
    {
        var before = await SnapshotAsync();

        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/catalog/products", NewMug, Ct);
        var customer = await app.As("customer-1").PutAsJsonAsync("/api/catalog/products/3", NewMug, Ct);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        customer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_negative_price_is_a_400_naming_price_and_changes_nothing()
    {
        await ShouldRejectAsync(client => client.PostAsJsonAsync("/api/catalog/products", NewMug with { Price = -1m }, Ct), "price");
        await ShouldRejectAsync(client => client.PutAsJsonAsync("/api/catalog/products/4", NewMug with { Price = -0.01m }, Ct), "price");
    }

    [Fact]
    public async Task An_empty_name_is_a_400_naming_name_and_changes_nothing()
    {
        await ShouldRejectAsync(client => client.PostAsJsonAsync("/api/catalog/products", NewMug with { Name = "" }, Ct), "name");
        await ShouldRejectAsync(client => client.PutAsJsonAsync("/api/catalog/products/4", NewMug with { Name = "  " }, Ct), "name");
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("""{"name":"Mug","description":"","category":"Kitchen","price":"cheap","currency":"USD","availableStock":1}""", "price")]
    [InlineData("", "body")]
    [InlineData("""{"name":"Mug","description":"","category":"Kitchen","price":1,"price":0.5,"currency":"USD","availableStock":1}""", "price")]
    public async Task A_body_that_is_not_valid_json_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        await ShouldRejectAsync(client => client.PostAsync("/api/catalog/products", Json(body), Ct), field);
        await ShouldRejectAsync(client => client.PutAsync("/api/catalog/products/4", Json(body), Ct), field);
    }

    [Fact]
    public async Task Replacing_an_unknown_product_is_a_404_naming_id_and_changes_nothing()
    {
        var before = await SnapshotAsync();

        var response = await app.Admin().PutAsJsonAsync("/api/catalog/products/424242", NewMug, Ct);

        await response.ShouldBeProblemNaming(HttpStatusCode.NotFound, "id");
        (await SnapshotAsync()).ShouldBe(before);
    }

    private async Task ShouldRejectAsync(Func<HttpClient, Task<HttpResponseMessage>> send, string field)
    {
        var before = await SnapshotAsync();

        var response = await send(app.Admin());

        await response.ShouldBeProblemNaming(HttpStatusCode.BadRequest, field);
        (await SnapshotAsync()).ShouldBe(before);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Every row of the products table, read straight from PostgreSQL.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(concat_ws('|', id, name, description, category, price, currency, available_stock), E'\\n' ORDER BY id) FROM catalog.products",
            connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}

using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Shop.Catalog.Apis;
using Shouldly;

namespace Shop.Catalog.Tests.Stock;

public sealed class StockRaceTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_replace_racing_a_reservation_is_a_409_and_keeps_the_reserved_stock()
    {
        var created = await (await app.Admin().PostAsJsonAsync(
            "/api/catalog/products", new { name = "Contended", description = "", category = "Test", price = 5m, currency = "USD", availableStock = 10 }, Ct))
            .Content.ReadFromJsonAsync<ProductDto>(Ct);

        // A reservation in progress: the row is changed and locked until it commits.
        await using var reservation = new NpgsqlConnection(app.ConnectionString);
        await reservation.OpenAsync(Ct);
        await using var transaction = await reservation.BeginTransactionAsync(Ct);
        await using (var reserve = new NpgsqlCommand("UPDATE catalog.products SET available_stock = available_stock - 3 WHERE id = @id", reservation, transaction))
        {
            reserve.Parameters.AddWithValue("id", created!.Id);
            await reserve.ExecuteNonQueryAsync(Ct);
        }

        // The admin read the product before the reservation commits, and writes after it.
        var replace = app.Admin().PutAsJsonAsync(
            $"/api/catalog/products/{created.Id}", new { name = "Contended", description = "", category = "Test", price = 6m, currency = "USD", availableStock = 10 }, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await transaction.CommitAsync(Ct);

        (await replace).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var product = await app.Anonymous().GetFromJsonAsync<ProductDto>($"/api/catalog/products/{created.Id}", Ct);
        product!.AvailableStock.ShouldBe(7);
        product.Price.ShouldBe(5m);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestSupport;

namespace Shop.EndToEnd.Tests;

/// <summary>What the saga tests do through the gateway, spelled once: as an admin, a customer, or anyone.</summary>
public sealed class ShopApi(RunningShop shop)
{
    public static readonly TimeSpan SagaPatience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A product of the test's own, so no other test moves its stock.</summary>
    public async Task<int> CreateProductAsync(decimal price, int stock)
    {
        using var admin = await shop.AsAsync("ops", "admin");
        using var response = await admin.PostAsJsonAsync(
            "/api/catalog/products",
            new { name = "Saga item " + Guid.NewGuid().ToString("N")[..8], description = "", category = "Saga", price, currency = "USD", availableStock = stock },
            Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    public async Task<int> StockAsync(int productId) =>
        (await shop.Anonymous().GetFromJsonAsync<JsonElement>($"/api/catalog/products/{productId}", Ct)).GetProperty("availableStock").GetInt32();

    public static async Task PutInBasketAsync(HttpClient customer, int productId, int quantity)
    {
        using var response = await customer.PutAsJsonAsync("/api/basket/items", new { productId, quantity }, Ct);
        response.EnsureSuccessStatusCode();
    }

    public static Task<HttpResponseMessage> PlaceOrderAsync(HttpClient customer, string idempotencyKey, params (int ProductId, int Quantity)[] lines)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }),
                shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
            }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return customer.SendAsync(request, Ct);
    }

    /// <summary>Places an order and answers its id; fails the test unless it was accepted.</summary>
    public static async Task<Guid> OrderAsync(HttpClient customer, params (int ProductId, int Quantity)[] lines)
    {
        using var response = await PlaceOrderAsync(customer, Guid.NewGuid().ToString("N"), lines);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>The order once it is Confirmed or Cancelled.</summary>
    public static Task<JsonElement> FinalOrderAsync(HttpClient customer, Guid orderId, TimeSpan? patience = null) =>
        Poll.UntilAsync(
            () => customer.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct),
            order => order.GetProperty("status").GetString() is "Confirmed" or "Cancelled",
            patience ?? SagaPatience,
            $"order {orderId} to finish",
            TimeSpan.FromMilliseconds(500));

    public static async Task<JsonElement> NotificationsAsync(HttpClient customer) =>
        (await customer.GetFromJsonAsync<JsonElement>("/api/notifications", Ct)).GetProperty("items");

    public async Task<HttpResponseMessage> PaymentAsync(Guid orderId)
    {
        using var admin = await shop.AsAsync("ops", "admin");
        return await admin.GetAsync($"/api/payments/{orderId}", Ct);
    }
}

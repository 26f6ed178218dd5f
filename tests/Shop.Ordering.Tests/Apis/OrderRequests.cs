using System.Net.Http.Json;

namespace Shop.Ordering.Tests.Apis;

/// <summary>Order requests as a client sends them.</summary>
public static class OrderRequests
{
    public static object Body(params (int ProductId, int Quantity)[] lines) => new
    {
        items = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }),
        shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
    };

    public static Task<HttpResponseMessage> PlaceAsync(this HttpClient client, string? idempotencyKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");
}

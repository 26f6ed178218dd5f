using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

/// <summary>The order saga across every service, driven only through the gateway as a customer would.</summary>
public sealed class SagaTests(RunningShop shop)
{
    private readonly ShopApi _api = new(shop);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_from_the_basket_is_confirmed_paid_once_and_notified_once()
    {
        var product = await _api.CreateProductAsync(price: 12.50m, stock: 10);
        var other = await _api.CreateProductAsync(price: 3m, stock: 10);
        var customer = await shop.AsAsync("happy-" + Guid.NewGuid().ToString("N"));
        await ShopApi.PutInBasketAsync(customer, product, 3);
        await ShopApi.PutInBasketAsync(customer, other, 1);

        var orderId = await ShopApi.OrderAsync(customer, (product, 3));
        var order = await ShopApi.FinalOrderAsync(customer, orderId);

        order.GetProperty("status").GetString().ShouldBe("Confirmed");
        order.GetProperty("total").GetDecimal().ShouldBe(37.50m);
        order.GetProperty("items")[0].GetProperty("unitPrice").GetDecimal().ShouldBe(12.50m);
        (await _api.StockAsync(product)).ShouldBe(7);
        await Poll.UntilAsync(() => BasketAsync(customer), basket => basket == $"{other}x1", ShopApi.SagaPatience, "the ordered item to leave the basket");
        var notifications = await Poll.UntilAsync(() => ShopApi.NotificationsAsync(customer), n => n.GetArrayLength() > 0, ShopApi.SagaPatience, "a notification");
        notifications.GetArrayLength().ShouldBe(1);
        notifications[0].GetProperty("kind").GetString().ShouldBe("OrderConfirmed");
        var payment = await (await _api.PaymentAsync(orderId)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        payment.GetProperty("status").GetString().ShouldBe("Succeeded");
        payment.GetProperty("amount").GetDecimal().ShouldBe(37.50m);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_gives_the_stock_back()
    {
        // The AppHost's payment declines charges above 10,000.
        var product = await _api.CreateProductAsync(price: 6_000m, stock: 5);
        var customer = await shop.AsAsync("declined-" + Guid.NewGuid().ToString("N"));

        var orderId = await ShopApi.OrderAsync(customer, (product, 2));
        var order = await ShopApi.FinalOrderAsync(customer, orderId);

        order.GetProperty("status").GetString().ShouldBe("Cancelled");
        order.GetProperty("cancellationReason").GetString().ShouldBe("payment-declined");
        await Poll.UntilAsync(() => _api.StockAsync(product), stock => stock == 5, ShopApi.SagaPatience, "the stock to come back");
        (await Poll.UntilAsync(() => ShopApi.NotificationsAsync(customer), n => n.GetArrayLength() > 0, ShopApi.SagaPatience, "a notification"))
            .GetArrayLength().ShouldBe(1);
        var payment = await (await _api.PaymentAsync(orderId)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        payment.GetProperty("status").GetString().ShouldBe("Declined");
    }

    [Fact]
    public async Task Too_little_stock_cancels_the_order_without_moving_stock_or_asking_payment()
    {
        var product = await _api.CreateProductAsync(price: 5m, stock: 2);
        var customer = await shop.AsAsync("short-" + Guid.NewGuid().ToString("N"));

        var orderId = await ShopApi.OrderAsync(customer, (product, 3));
        var order = await ShopApi.FinalOrderAsync(customer, orderId);

        order.GetProperty("status").GetString().ShouldBe("Cancelled");
        order.GetProperty("cancellationReason").GetString().ShouldBe("out-of-stock");
        (await _api.StockAsync(product)).ShouldBe(2);
        // Payment heard only of the cancellation: it voided the order, so nothing can ever be charged for it.
        var payment = await Poll.UntilAsync(
            async () => await (await _api.PaymentAsync(orderId)).Content.ReadFromJsonAsync<JsonElement>(Ct),
            p => p.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String,
            ShopApi.SagaPatience,
            "payment to hear of the cancellation");
        payment.GetProperty("status").GetString().ShouldBe("Voided");
        payment.TryGetProperty("amount", out var amount).ShouldBeTrue();
        amount.ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Twenty_customers_racing_for_the_last_item_leave_one_confirmed_order()
    {
        var product = await _api.CreateProductAsync(price: 20m, stock: 1);
        var customers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => shop.AsAsync($"racer-{i}-{Guid.NewGuid():N}")));

        var orders = await Task.WhenAll(customers.Select(c => ShopApi.OrderAsync(c, (product, 1))));
        var finals = await Task.WhenAll(customers.Zip(orders, (c, id) => ShopApi.FinalOrderAsync(c, id)));

        finals.Count(o => o.GetProperty("status").GetString() == "Confirmed").ShouldBe(1);
        finals.Count(o => o.GetProperty("status").GetString() == "Cancelled").ShouldBe(19);
        (await _api.StockAsync(product)).ShouldBe(0);
    }

    [Fact]
    public async Task Fifty_concurrent_posts_with_one_key_make_one_order_and_another_body_is_refused()
    {
        var product = await _api.CreateProductAsync(price: 1m, stock: 100);
        var customer = await shop.AsAsync("retrier-" + Guid.NewGuid().ToString("N"));
        var key = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ShopApi.PlaceOrderAsync(customer, key, (product, 1))));
        using var different = await ShopApi.PlaceOrderAsync(customer, key, (product, 2));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid()));
        ids.Distinct().ShouldHaveSingleItem();
        different.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await customer.GetFromJsonAsync<JsonElement>("/api/orders", Ct)).GetProperty("totalCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Nobody_sees_or_changes_another_customers_things()
    {
        var product = await _api.CreateProductAsync(price: 1m, stock: 10);
        var owner = await shop.AsAsync("owner-" + Guid.NewGuid().ToString("N"));
        var stranger = await shop.AsAsync("stranger-" + Guid.NewGuid().ToString("N"));
        await ShopApi.PutInBasketAsync(owner, product, 1);
        var orderId = await ShopApi.OrderAsync(owner, (product, 1));
        await ShopApi.FinalOrderAsync(owner, orderId);

        (await stranger.GetAsync($"/api/orders/{orderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/orders/{orderId}/cancel", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetFromJsonAsync<JsonElement>("/api/orders", Ct)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        (await ShopApi.NotificationsAsync(stranger)).GetArrayLength().ShouldBe(0);
        (await BasketAsync(stranger)).ShouldBeEmpty();
        (await stranger.GetAsync($"/api/payments/{orderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var anonymous = shop.Anonymous();
        foreach (var path in new[] { "/api/orders", "/api/basket", "/api/notifications", $"/api/payments/{orderId}" })
        {
            (await anonymous.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }
    }

    [Fact]
    public async Task A_cancel_while_payment_is_in_flight_ends_cancelled_and_refunded_or_confirmed_and_refused()
    {
        var product = await _api.CreateProductAsync(price: 4m, stock: 50);
        var confirmed = 0;
        for (var i = 0; i < 5; i++)
        {
            var customer = await shop.AsAsync($"hesitant-{i}-{Guid.NewGuid():N}");
            var orderId = await ShopApi.OrderAsync(customer, (product, 1));
            await Poll.UntilAsync(
                async () => (await customer.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct)).GetProperty("status").GetString(),
                status => status != "Pending",
                ShopApi.SagaPatience,
                "the stock to be reserved",
                TimeSpan.FromMilliseconds(20));

            using var cancel = await customer.PostAsync($"/api/orders/{orderId}/cancel", null, Ct);
            var order = await ShopApi.FinalOrderAsync(customer, orderId);
            var payment = await Poll.UntilAsync(
                async () => await (await _api.PaymentAsync(orderId)).Content.ReadFromJsonAsync<JsonElement>(Ct),
                p => p.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String,
                ShopApi.SagaPatience,
                "payment to settle");

            if (order.GetProperty("status").GetString() == "Confirmed")
            {
                cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
                payment.GetProperty("status").GetString().ShouldBe("Succeeded");
                confirmed++;
            }
            else
            {
                cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
                order.GetProperty("cancellationReason").GetString().ShouldBe("customer");
                // A charge made before the cancellation reached payment is given back.
                await Poll.UntilAsync(
                    async () => (await (await _api.PaymentAsync(orderId)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString(),
                    status => status is "Refunded" or "Voided",
                    ShopApi.SagaPatience,
                    "no money kept for the cancelled order");
            }
        }

        // Every cancelled order's unit came back; every confirmed one's stayed out.
        await Poll.UntilAsync(() => _api.StockAsync(product), stock => stock == 50 - confirmed, ShopApi.SagaPatience, $"the stock to be {50 - confirmed}");
    }

    /// <summary>The basket as "productIdxquantity" lines, comma-separated, for easy comparison.</summary>
    private static async Task<string> BasketAsync(HttpClient customer)
    {
        var basket = await customer.GetFromJsonAsync<JsonElement>("/api/basket", Ct);
        return string.Join(",", basket.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("productId").GetInt32()}x{i.GetProperty("quantity").GetInt32()}"));
    }
}

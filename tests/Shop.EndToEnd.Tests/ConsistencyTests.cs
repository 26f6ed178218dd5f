using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Contracts.Topology;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

/// <summary>Many customers ordering at once while the card processor fails some charges: the books must balance.</summary>
public sealed class ConsistencyTests(RunningShop shop)
{
    /// <summary>Orders placed; <c>SHOP_E2E_LOAD_ORDERS</c> changes it (the figure, 200, is the default).</summary>
    private static readonly int OrderCount = int.TryParse(Environment.GetEnvironmentVariable("SHOP_E2E_LOAD_ORDERS"), CultureInfo.InvariantCulture, out var n) ? n : 200;

    private const int Customers = 20;

    // 200 orders queue up behind each other on two cores shared with the other tests (one CI run had an order still
    // AwaitingPayment after 60 s, nine messages behind in the ordering queue): this test is about the books, not latency.
    private static readonly TimeSpan BacklogPatience = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "Volume")]
    public async Task Orders_from_twenty_customers_all_finish_and_stock_payments_and_queues_agree()
    {
        var api = new ShopApi(shop);
        // Five products, stock for about two thirds of what is ordered, so both endings happen.
        var products = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.CreateProductAsync(price: 3m, stock: OrderCount / 4)));
        var customers = await Task.WhenAll(Enumerable.Range(0, Customers).Select(i => shop.AsAsync($"load-{i}-{Guid.NewGuid():N}")));

        var placed = await Task.WhenAll(customers.Select((customer, c) => Task.Run(async () =>
        {
            var mine = new List<(HttpClient Customer, Guid Id, int Product, int Quantity)>();
            for (var i = c; i < OrderCount; i += Customers)
            {
                var (product, quantity) = (products[i % products.Length], 1 + (i % 3));
                mine.Add((customer, await ShopApi.OrderAsync(customer, (product, quantity)), product, quantity));
            }

            return mine;
        })));
        var orders = placed.SelectMany(o => o).ToList();

        var finals = new List<(Guid Id, int Product, int Quantity, string Status)>();
        foreach (var order in orders)
        {
            JsonElement final;
            try
            {
                final = await ShopApi.FinalOrderAsync(order.Customer, order.Id, BacklogPatience);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}{Environment.NewLine}{await StateOfTheShopAsync()}", e);
            }

            finals.Add((order.Id, order.Product, order.Quantity, final.GetProperty("status").GetString()!));
        }

        var confirmed = finals.Where(o => o.Status == "Confirmed").ToList();
        TestContext.Current.SendDiagnosticMessage("{0} orders: {1} confirmed, {2} cancelled", finals.Count, confirmed.Count, finals.Count - confirmed.Count);
        finals.Count.ShouldBe(OrderCount);
        confirmed.ShouldNotBeEmpty();

        foreach (var product in products)
        {
            var moved = OrderCount / 4 - await api.StockAsync(product);
            moved.ShouldBe(confirmed.Where(o => o.Product == product).Sum(o => o.Quantity), $"stock moved for product {product}");
        }

        var paid = 0;
        foreach (var order in finals)
        {
            using var response = await api.PaymentAsync(order.Id);
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() == "Succeeded")
            {
                paid++;
            }
        }

        paid.ShouldBe(confirmed.Count);

        if (shop.Queues is null)
        {
            TestContext.Current.SendDiagnosticMessage("Queues not checked: set SHOP_AWS_ENDPOINT_URL to the running shop's SQS endpoint.");
            return;
        }

        foreach (var queue in ShopTopology.Queues)
        {
            await Poll.UntilAsync(() => shop.Queues.DepthAsync(queue.Name), depth => depth == 0, TimeSpan.FromSeconds(60), $"queue {queue.Name} to drain");
            (await shop.Queues.DepthAsync(queue.DeadLetterName)).ShouldBe(0, $"{queue.DeadLetterName} holds messages");
        }
    }

    /// <summary>Where a stalled order's event may be: every queue's and dead-letter queue's depth.</summary>
    private async Task<string> StateOfTheShopAsync()
    {
        if (shop.Queues is not { } queues)
        {
            return "Queue depths unknown: set SHOP_AWS_ENDPOINT_URL to the running shop's SQS endpoint.";
        }

        var depths = new List<string>();
        foreach (var queue in ShopTopology.Queues)
        {
            depths.Add($"{queue.Name} {await queues.DepthAsync(queue.Name)}, {queue.DeadLetterName} {await queues.DepthAsync(queue.DeadLetterName)}");
        }

        return "Queue depths: " + string.Join("; ", depths);
    }
}

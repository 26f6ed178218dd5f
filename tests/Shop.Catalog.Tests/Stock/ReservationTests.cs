using System.Net.Http.Json;
using Shop.Catalog.Apis;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Catalog.Tests.Stock;

/// <summary>Catalog's part of the saga through its real queue: orders placed and cancelled as ordering would publish them.</summary>
public sealed class ReservationTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string CatalogQueue => ShopTopology.CatalogQueue.Name;
    private static string OrderingQueue => ShopTopology.OrderingQueue.Name;

    [Fact]
    public async Task Every_line_in_stock_is_reserved_and_priced()
    {
        var beans = await CreateProductAsync("Beans", 9.50m, stock: 10);
        var papers = await CreateProductAsync("Papers", 4.25m, stock: 5);
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(CatalogQueue, new OrderPlaced(orderId, "alice", [new(beans.Id, 3), new(papers.Id, 5)]));

        var reserved = (await app.Queues.CollectAsync<StockReserved>(OrderingQueue, e => e.OrderId == orderId, Patience)).ShouldHaveSingleItem();
        reserved.Lines.ShouldBe([new ReservedLine(beans.Id, "Beans", 3, 9.50m, "USD"), new ReservedLine(papers.Id, "Papers", 5, 4.25m, "USD")], ignoreOrder: true);
        (await StockAsync(beans.Id)).ShouldBe(7);
        (await StockAsync(papers.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task One_short_line_reserves_nothing_and_names_the_short_lines()
    {
        var beans = await CreateProductAsync("Beans", 9.50m, stock: 10);
        var papers = await CreateProductAsync("Papers", 4.25m, stock: 1);
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(CatalogQueue, new OrderPlaced(orderId, "alice", [new(beans.Id, 3), new(papers.Id, 2), new(999_999, 1)]));

        var rejected = (await app.Queues.CollectAsync<StockRejected>(OrderingQueue, e => e.OrderId == orderId, Patience)).ShouldHaveSingleItem();
        rejected.Reason.ShouldBe("out-of-stock");
        rejected.ShortLines.ShouldBe([new ShortLine(papers.Id, 2, 1), new ShortLine(999_999, 1, 0)], ignoreOrder: true);
        (await StockAsync(beans.Id)).ShouldBe(10);
        (await StockAsync(papers.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_cancellation_releases_the_stock_exactly_once()
    {
        var beans = await CreateProductAsync("Beans", 9.50m, stock: 10);
        var orderId = Guid.NewGuid();
        await app.Queues.SendAsync(CatalogQueue, new OrderPlaced(orderId, "alice", [new(beans.Id, 4)]));
        await app.Queues.CollectAsync<StockReserved>(OrderingQueue, e => e.OrderId == orderId, Patience);

        // Two different events for one cancellation (e.g. the sweeper and the customer): one release.
        await app.Queues.SendAsync(CatalogQueue, new OrderCancelled(orderId, "alice", "customer"));
        await app.Queues.SendAsync(CatalogQueue, new OrderCancelled(orderId, "alice", "timeout"));

        await Poll.UntilAsync(() => StockAsync(beans.Id), stock => stock == 10, Patience, "the stock to come back");
        await WaitForQueueToDrainAsync();
        (await StockAsync(beans.Id)).ShouldBe(10);
    }

    [Fact]
    public async Task A_cancellation_that_arrives_first_stops_the_late_order_from_reserving()
    {
        var beans = await CreateProductAsync("Beans", 9.50m, stock: 10);
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(CatalogQueue, new OrderCancelled(orderId, "alice", "timeout"));
        await WaitForQueueToDrainAsync();
        await app.Queues.SendAsync(CatalogQueue, new OrderPlaced(orderId, "alice", [new(beans.Id, 4)]));
        await WaitForQueueToDrainAsync();

        (await StockAsync(beans.Id)).ShouldBe(10);
        (await app.Queues.CollectAsync<StockReserved>(OrderingQueue, e => e.OrderId == orderId, TimeSpan.FromSeconds(3))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Twenty_orders_for_the_last_item_reserve_it_once()
    {
        var last = await CreateProductAsync("Last one", 99m, stock: 1);
        var orders = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToHashSet();

        await Task.WhenAll(orders.Select(id => app.Queues.SendAsync(CatalogQueue, new OrderPlaced(id, "customer-" + id, [new(last.Id, 1)]))));

        var reserved = new List<Guid>();
        var rejected = new List<Guid>();
        await Poll.UntilAsync(
            async () =>
            {
                foreach (var answer in await app.Queues.DrainAsync(OrderingQueue, TimeSpan.FromSeconds(1)))
                {
                    var orderId = answer.Body.GetProperty("orderId").GetGuid();
                    if (orders.Contains(orderId))
                    {
                        (answer.Type == nameof(StockReserved) ? reserved : rejected).Add(orderId);
                    }
                }

                return reserved.Count + rejected.Count;
            },
            answered => answered >= orders.Count,
            TimeSpan.FromSeconds(60),
            "an answer to every order");

        reserved.ShouldHaveSingleItem();
        rejected.Count.ShouldBe(19);
        reserved.Concat(rejected).ShouldBe(orders, ignoreOrder: true);
        (await StockAsync(last.Id)).ShouldBe(0);
    }

    private async Task<ProductDto> CreateProductAsync(string name, decimal price, int stock)
    {
        using var response = await app.Admin().PostAsJsonAsync(
            "/api/catalog/products", new { name, description = "", category = "Test", price, currency = "USD", availableStock = stock }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProductDto>(Ct))!;
    }

    private async Task<int> StockAsync(int productId) =>
        (await app.Anonymous().GetFromJsonAsync<ProductDto>($"/api/catalog/products/{productId}", Ct))!.AvailableStock;

    private Task WaitForQueueToDrainAsync() =>
        Poll.UntilAsync(() => app.Queues.DepthAsync(CatalogQueue), depth => depth == 0, Patience, "catalog's queue to drain");
}

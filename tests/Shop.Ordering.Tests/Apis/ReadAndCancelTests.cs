using System.Net;
using System.Net.Http.Json;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Ordering.Apis;
using Shop.ServiceDefaults.Paging;
using Shop.TestSupport;
using Shouldly;
using static Shop.Ordering.Tests.Apis.OrderRequests;

namespace Shop.Ordering.Tests.Apis;

public sealed class ReadAndCancelTests(OrderingApp app) : IClassFixture<OrderingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_lists_only_their_own_orders_newest_first_a_page_at_a_time()
    {
        var carol = app.As("carol-" + NewKey());
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((await PlaceAsync(carol, (i, 1))).Id);
        }

        await PlaceAsync(app.As("dave-" + NewKey()), (1, 1));

        var firstPage = await carol.GetFromJsonAsync<PagedResult<OrderDto>>("/api/orders?pageSize=2", Ct);
        var secondPage = await carol.GetFromJsonAsync<PagedResult<OrderDto>>("/api/orders?pageSize=2&page=2", Ct);

        firstPage!.TotalCount.ShouldBe(3);
        firstPage.Items.Concat(secondPage!.Items).Select(o => o.Id).ShouldBe(Enumerable.Reverse(ids));
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_to_read_and_to_cancel()
    {
        var order = await PlaceAsync(app.As("erin-" + NewKey()), (1, 1));
        var stranger = app.As("mallory-" + NewKey());

        (await stranger.GetAsync($"/api/orders/{order.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetFromJsonAsync<PagedResult<OrderDto>>("/api/orders", Ct))!.TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_reads_any_order()
    {
        var order = await PlaceAsync(app.As("frank-" + NewKey()), (1, 1));

        (await app.Admin().GetFromJsonAsync<OrderDto>($"/api/orders/{order.Id}", Ct))!.Id.ShouldBe(order.Id);
    }

    [Fact]
    public async Task A_malformed_order_id_is_a_400_naming_it()
    {
        using var response = await app.As("grace").GetAsync("/api/orders/not-a-guid", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_tokens_get_401()
    {
        foreach (var kind in Enum.GetValues<BadToken>())
        {
            using var response = await app.WithToken(app.BadToken(kind)).GetAsync("/api/orders", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{kind}");
        }
    }

    [Fact]
    public async Task Cancelling_an_unpaid_order_cancels_it_once_and_tells_catalog_and_payment()
    {
        var heidi = app.As("heidi-" + NewKey());
        var order = await PlaceAsync(heidi, (3, 1));

        var cancelled = await heidi.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct);
        var again = await heidi.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct);

        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = (await heidi.GetFromJsonAsync<OrderDto>($"/api/orders/{order.Id}", Ct))!;
        shown.Status.ShouldBe("Cancelled");
        shown.CancellationReason.ShouldBe("customer");

        var toPayment = await app.Queues.CollectAsync<OrderCancelled>(
            ShopTopology.PaymentQueue.Name, e => e.OrderId == order.Id, TimeSpan.FromSeconds(5), expected: 2);
        toPayment.ShouldHaveSingleItem().Reason.ShouldBe("customer");
    }

    private static async Task<OrderDto> PlaceAsync(HttpClient customer, params (int ProductId, int Quantity)[] lines)
    {
        using var response = await customer.PlaceAsync(NewKey(), Body(lines));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OrderDto>(Ct))!;
    }
}

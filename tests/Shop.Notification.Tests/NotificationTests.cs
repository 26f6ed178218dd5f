using System.Net;
using System.Net.Http.Json;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Notification.Apis;
using Shop.ServiceDefaults.Paging;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Notification.Tests;

public sealed class NotificationTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Queue => ShopTopology.NotificationQueue.Name;

    [Fact]
    public async Task A_confirmed_and_a_cancelled_order_each_notify_their_customer_once()
    {
        var customer = "ivy-" + Guid.NewGuid().ToString("N");
        var confirmed = new OrderConfirmed(Guid.NewGuid(), customer, 19.5m, "USD");
        var cancelled = new OrderCancelled(Guid.NewGuid(), customer, "out-of-stock");
        var eventId = Guid.NewGuid();

        await app.Queues.SendAsync(Queue, confirmed, eventId);
        await app.Queues.SendAsync(Queue, confirmed, eventId);
        await app.Queues.SendAsync(Queue, confirmed);
        await app.Queues.SendAsync(Queue, cancelled);
        await Poll.UntilAsync(() => app.Queues.DepthAsync(Queue), depth => depth == 0, TimeSpan.FromSeconds(20), "the queue to drain");

        var mine = (await app.As(customer).GetFromJsonAsync<PagedResult<NotificationDto>>("/api/notifications", Ct))!;
        mine.TotalCount.ShouldBe(2);
        mine.Items.Select(n => n.Kind).ShouldBe(["OrderCancelled", "OrderConfirmed"], ignoreOrder: true);
        mine.Items.Single(n => n.Kind == "OrderConfirmed").Message.ShouldBe($"Your order {confirmed.OrderId} is confirmed. We charged 19.50 USD.");
        mine.Items.Single(n => n.Kind == "OrderCancelled").Message.ShouldContain("out of stock");
    }

    [Fact]
    public async Task Customers_see_only_their_own()
    {
        await app.Queues.SendAsync(Queue, new OrderConfirmed(Guid.NewGuid(), "judy", 1m, "USD"));
        await Poll.UntilAsync(() => app.Queues.DepthAsync(Queue), depth => depth == 0, TimeSpan.FromSeconds(20), "the queue to drain");

        (await app.As("mallory-" + Guid.NewGuid()).GetFromJsonAsync<PagedResult<NotificationDto>>("/api/notifications", Ct))!.TotalCount.ShouldBe(0);
        (await app.Anonymous().GetAsync("/api/notifications", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.As("judy").GetAsync("/api/notifications?pageSize=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

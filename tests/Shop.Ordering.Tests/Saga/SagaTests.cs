using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Ordering.Apis;
using Shop.Ordering.Data;
using Shop.TestSupport;
using Shouldly;
using static Shop.Ordering.Tests.Apis.OrderRequests;

namespace Shop.Ordering.Tests.Saga;

/// <summary>Ordering's side of the saga through its real queue: catalog's and payment's answers sent as they would arrive.</summary>
public sealed class SagaTests(OrderingApp app) : IClassFixture<OrderingApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string OrderingQueue => ShopTopology.OrderingQueue.Name;

    [Fact]
    public async Task Reserved_stock_then_a_payment_confirms_the_order_and_tells_payment_and_notification()
    {
        var (customer, order) = await PlaceAsync();

        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id));
        await WaitForStatusAsync(customer, order.Id, "AwaitingPayment");
        var requested = await app.Queues.CollectAsync<PaymentRequested>(ShopTopology.PaymentQueue.Name, e => e.OrderId == order.Id, Patience);
        requested.ShouldHaveSingleItem().Amount.ShouldBe(2 * 9.50m);

        await app.Queues.SendAsync(OrderingQueue, new PaymentSucceeded(order.Id, Guid.NewGuid(), 19.00m, "USD"));
        var confirmed = await WaitForStatusAsync(customer, order.Id, "Confirmed");

        confirmed.Total.ShouldBe(19.00m);
        confirmed.Currency.ShouldBe("USD");
        confirmed.Items.ShouldHaveSingleItem().ShouldBe(new OrderItemDto(21, "Espresso beans", 2, 9.50m));
        (await app.Queues.CollectAsync<OrderConfirmed>(ShopTopology.NotificationQueue.Name, e => e.OrderId == order.Id, Patience))
            .ShouldHaveSingleItem().Total.ShouldBe(19.00m);
    }

    [Fact]
    public async Task Rejected_stock_cancels_the_order()
    {
        var (customer, order) = await PlaceAsync();

        await app.Queues.SendAsync(OrderingQueue, new StockRejected(order.Id, "out-of-stock", [new ShortLine(21, 2, 1)]));

        (await WaitForStatusAsync(customer, order.Id, "Cancelled")).CancellationReason.ShouldBe("out-of-stock");
        (await app.Queues.CollectAsync<OrderCancelled>(ShopTopology.NotificationQueue.Name, e => e.OrderId == order.Id, Patience))
            .ShouldHaveSingleItem().Reason.ShouldBe("out-of-stock");
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order()
    {
        var (customer, order) = await PlaceAsync();
        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id));
        await WaitForStatusAsync(customer, order.Id, "AwaitingPayment");

        await app.Queues.SendAsync(OrderingQueue, new PaymentFailed(order.Id, "declined: amount above limit"));

        (await WaitForStatusAsync(customer, order.Id, "Cancelled")).CancellationReason.ShouldBe("payment-declined");
    }

    [Fact]
    public async Task A_redelivered_event_is_applied_once()
    {
        var (customer, order) = await PlaceAsync();
        var eventId = Guid.NewGuid();

        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id), eventId);
        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id), eventId);
        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id));
        await WaitForStatusAsync(customer, order.Id, "AwaitingPayment");

        var requested = await app.Queues.CollectAsync<PaymentRequested>(
            ShopTopology.PaymentQueue.Name, e => e.OrderId == order.Id, TimeSpan.FromSeconds(6), expected: 2);
        requested.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_payment_that_lands_after_a_cancel_is_recorded_and_never_confirms()
    {
        var (customer, order) = await PlaceAsync();
        await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id));
        await WaitForStatusAsync(customer, order.Id, "AwaitingPayment");
        (await customer.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var paymentId = Guid.NewGuid();

        await app.Queues.SendAsync(OrderingQueue, new PaymentSucceeded(order.Id, paymentId, 19.00m, "USD"));

        var late = await Poll.UntilAsync(() => LatePaymentAsync(order.Id), id => id is not null, Patience, "the late payment to be recorded");
        late.ShouldBe(paymentId);
        (await customer.GetFromJsonAsync<OrderDto>($"/api/orders/{order.Id}", Ct))!.Status.ShouldBe("Cancelled");
    }

    [Fact]
    public async Task A_cancel_racing_a_payment_ends_in_one_consistent_state()
    {
        for (var i = 0; i < 5; i++)
        {
            var (customer, order) = await PlaceAsync();
            await app.Queues.SendAsync(OrderingQueue, Reserved(order.Id));
            await WaitForStatusAsync(customer, order.Id, "AwaitingPayment");

            var paid = app.Queues.SendAsync(OrderingQueue, new PaymentSucceeded(order.Id, Guid.NewGuid(), 19.00m, "USD"));
            using var cancel = await customer.PostAsync($"/api/orders/{order.Id}/cancel", null, Ct);
            await paid;

            var final = await Poll.UntilAsync(
                () => StateAsync(order.Id), s => s.Status == "Confirmed" || s.LatePaymentId is not null, Patience, "the payment to be applied");
            if (final.Status == "Confirmed")
            {
                cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            }
            else
            {
                cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
                final.Status.ShouldBe("Cancelled");
            }
        }
    }

    private async Task<(HttpClient Customer, OrderDto Order)> PlaceAsync()
    {
        var customer = app.As("saga-" + NewKey());
        using var response = await customer.PlaceAsync(NewKey(), Body((21, 2)));
        response.EnsureSuccessStatusCode();
        return (customer, (await response.Content.ReadFromJsonAsync<OrderDto>(Ct))!);
    }

    private static StockReserved Reserved(Guid orderId) => new(orderId, [new ReservedLine(21, "Espresso beans", 2, 9.50m, "USD")]);

    private static Task<OrderDto> WaitForStatusAsync(HttpClient customer, Guid orderId, string status) =>
        Poll.UntilAsync(
            async () => (await customer.GetFromJsonAsync<OrderDto>($"/api/orders/{orderId}", Ct))!,
            order => order.Status == status,
            Patience,
            $"order {orderId} to be {status}");

    private async Task<Guid?> LatePaymentAsync(Guid orderId) => (await StateAsync(orderId)).LatePaymentId;

    private async Task<(string Status, Guid? LatePaymentId)> StateAsync(Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var order = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct);
        return (order.Status.ToString(), order.LatePaymentId);
    }
}

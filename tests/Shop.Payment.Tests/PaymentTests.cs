using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Payment.Apis;
using Shop.Payment.Data;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Payment.Tests;

/// <summary>Payment through its real queue: PaymentRequested and OrderCancelled sent as ordering would publish them.</summary>
public sealed class PaymentTests(PaymentApp app) : IClassFixture<PaymentApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string PaymentQueue => ShopTopology.PaymentQueue.Name;
    private static string OrderingQueue => ShopTopology.OrderingQueue.Name;

    [Fact]
    public async Task A_requested_payment_is_charged_once_and_reported()
    {
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(PaymentQueue, new PaymentRequested(orderId, "alice", 42.50m, "USD"));

        var succeeded = (await app.Queues.CollectAsync<PaymentSucceeded>(OrderingQueue, e => e.OrderId == orderId, Patience)).ShouldHaveSingleItem();
        succeeded.Amount.ShouldBe(42.50m);
        var payment = (await app.Admin().GetFromJsonAsync<PaymentDto>($"/api/payments/{orderId}", Ct))!;
        payment.Status.ShouldBe("Succeeded");
        payment.PaymentId.ShouldBe(succeeded.PaymentId);
        (await ChargesAsync(orderId)).ShouldBe((1, 0));
    }

    [Fact]
    public async Task An_amount_above_the_limit_is_declined_and_nothing_is_taken()
    {
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(PaymentQueue, new PaymentRequested(orderId, "alice", PaymentApp.DeclineAbove + 0.01m, "USD"));

        var failed = (await app.Queues.CollectAsync<PaymentFailed>(OrderingQueue, e => e.OrderId == orderId, Patience)).ShouldHaveSingleItem();
        failed.Reason.ShouldBe("amount-above-limit");
        (await app.Admin().GetFromJsonAsync<PaymentDto>($"/api/payments/{orderId}", Ct))!.Status.ShouldBe("Declined");
        (await ChargesAsync(orderId)).Approved.ShouldBe(0);
    }

    [Fact]
    public async Task Duplicate_requests_charge_once()
    {
        var orderId = Guid.NewGuid();
        var eventId = Guid.NewGuid();
        var request = new PaymentRequested(orderId, "alice", 10m, "USD");

        await app.Queues.SendAsync(PaymentQueue, request, eventId);
        await app.Queues.SendAsync(PaymentQueue, request, eventId);
        await app.Queues.SendAsync(PaymentQueue, request);

        var answers = await app.Queues.CollectAsync<PaymentSucceeded>(OrderingQueue, e => e.OrderId == orderId, TimeSpan.FromSeconds(8), expected: 2);
        answers.ShouldHaveSingleItem();
        (await ChargesAsync(orderId)).ShouldBe((1, 0));
    }

    [Fact]
    public async Task A_cancellation_before_the_request_voids_the_payment()
    {
        var orderId = Guid.NewGuid();

        await app.Queues.SendAsync(PaymentQueue, new OrderCancelled(orderId, "alice", "timeout"));
        await Poll.UntilAsync(() => app.Queues.DepthAsync(PaymentQueue), depth => depth == 0, Patience, "the cancellation to be handled");
        await app.Queues.SendAsync(PaymentQueue, new PaymentRequested(orderId, "alice", 10m, "USD"));
        await Poll.UntilAsync(() => app.Queues.DepthAsync(PaymentQueue), depth => depth == 0, Patience, "the request to be handled");

        (await app.Admin().GetFromJsonAsync<PaymentDto>($"/api/payments/{orderId}", Ct))!.Status.ShouldBe("Voided");
        (await ChargesAsync(orderId)).Approved.ShouldBe(0);
        (await app.Queues.CollectAsync<PaymentSucceeded>(OrderingQueue, e => e.OrderId == orderId, TimeSpan.FromSeconds(2))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancellation_after_the_charge_refunds_it_once()
    {
        var orderId = Guid.NewGuid();
        await app.Queues.SendAsync(PaymentQueue, new PaymentRequested(orderId, "alice", 10m, "USD"));
        await app.Queues.CollectAsync<PaymentSucceeded>(OrderingQueue, e => e.OrderId == orderId, Patience);

        await app.Queues.SendAsync(PaymentQueue, new OrderCancelled(orderId, "alice", "customer"));
        await app.Queues.SendAsync(PaymentQueue, new OrderCancelled(orderId, "alice", "timeout"));

        await Poll.UntilAsync(
            async () => (await app.Admin().GetFromJsonAsync<PaymentDto>($"/api/payments/{orderId}", Ct))!.Status, s => s == "Refunded", Patience, "the refund");
        (await ChargesAsync(orderId)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task Payments_are_for_admins()
    {
        var orderId = Guid.NewGuid();

        (await app.Anonymous().GetAsync($"/api/payments/{orderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.As("alice").GetAsync($"/api/payments/{orderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Admin().GetAsync($"/api/payments/{orderId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(int Approved, int Refunded)> ChargesAsync(Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var charges = await scope.ServiceProvider.GetRequiredService<PaymentDbContext>().ProcessorCharges
            .Where(c => c.OrderId == orderId).ToListAsync(Ct);
        return (charges.Count(c => c.Approved), charges.Count(c => c.Refunded));
    }
}

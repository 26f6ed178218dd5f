using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Payment.Data;
using Shouldly;

namespace Shop.Payment.Tests;

public sealed class FlakyProcessorTests(FlakyPaymentApp app) : IClassFixture<FlakyPaymentApp>
{
    /// <remarks>
    /// A request that fails on all 5 receives (0.25^5, about 1 in 1,000) goes to the DLQ uncharged, as it should:
    /// the books must balance either way.
    /// </remarks>
    [Fact]
    public async Task Transient_processor_failures_are_retried_and_no_order_is_charged_twice()
    {
        var orders = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToHashSet();

        foreach (var orderId in orders)
        {
            await app.Queues.SendAsync(ShopTopology.PaymentQueue.Name, new PaymentRequested(orderId, "alice", 5m, "USD"));
        }

        var paid = new List<Guid>();
        var deadLettered = new List<Guid>();
        await Shop.TestSupport.Poll.UntilAsync(
            async () =>
            {
                paid.AddRange((await app.Queues.CollectAsync<PaymentSucceeded>(
                    ShopTopology.OrderingQueue.Name, e => orders.Contains(e.OrderId), TimeSpan.FromSeconds(2), expected: orders.Count)).Select(e => e.OrderId));
                deadLettered.AddRange((await app.Queues.DrainAsync(ShopTopology.PaymentQueue.DeadLetterName, TimeSpan.FromSeconds(1)))
                    .Select(e => e.Body.GetProperty("orderId").GetGuid()));
                return paid.Count + deadLettered.Count;
            },
            answered => answered >= orders.Count,
            TimeSpan.FromSeconds(90),
            "every request to be paid or dead-lettered");

        paid.Concat(deadLettered).ShouldBe(orders, ignoreOrder: true);

        await using var scope = app.Services.CreateAsyncScope();
        var charges = await scope.ServiceProvider.GetRequiredService<PaymentDbContext>().ProcessorCharges
            .CountAsync(c => orders.Contains(c.OrderId), TestContext.Current.CancellationToken);
        charges.ShouldBe(paid.Count);
    }
}

using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Ordering.Apis;
using Shop.Ordering.Sweeping;
using Shouldly;
using static Shop.Ordering.Tests.Apis.OrderRequests;

namespace Shop.Ordering.Tests.Saga;

public sealed class SweeperTests(StallingOrderingApp app) : IClassFixture<StallingOrderingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stalled_orders_are_cancelled_once_each_even_with_two_sweepers()
    {
        var customer = app.As("stalled-" + NewKey());
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => customer.PlaceAsync(NewKey(), Body((21, 1)))));
        var ids = (await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<OrderDto>(Ct))!.Id))).ToHashSet();

        // A second replica's sweeper, sweeping as fast as it can next to the app's own.
        var replica = ActivatorUtilities.CreateInstance<OrderTimeoutSweeper>(app.Services);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var racing = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await replica.SweepBatchAsync(stop.Token);
                    await Task.Delay(50, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }, CancellationToken.None);

        var cancelled = await app.Queues.CollectAsync<OrderCancelled>(
            ShopTopology.PaymentQueue.Name, e => ids.Contains(e.OrderId), TimeSpan.FromSeconds(30), expected: ids.Count + 1);
        await stop.CancelAsync();
        await racing;

        cancelled.Select(e => e.OrderId).ShouldBe(ids, ignoreOrder: true);
        cancelled.ShouldAllBe(e => e.Reason == "timeout");
    }
}

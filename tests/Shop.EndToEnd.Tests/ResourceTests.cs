using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class ResourceTests(RunningShop shop)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("moto")]
    [InlineData("catalog")]
    [InlineData("basket")]
    [InlineData("ordering")]
    [InlineData("payment")]
    [InlineData("notification")]
    [InlineData("gateway")]
    public async Task Every_resource_of_the_shop_runs_and_is_healthy(string resource)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        await Should.NotThrowAsync(() => shop.WaitHealthyAsync(resource, timeout.Token));
    }
}

using Microsoft.AspNetCore.Hosting;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(MotoFixture))]

namespace Shop.Basket.Tests;

/// <summary>The basket service in-process on the moto server's DynamoDB, asking <see cref="CatalogStandIn"/> about products.</summary>
public sealed class BasketApp(MotoFixture moto) : ServiceApp<Program>(null, moto, null)
{
    public CatalogStandIn Catalog { get; } = new();

    protected override void Configure(IWebHostBuilder web) => web.UseSetting("Catalog:BaseUrl", Catalog.BaseUrl.ToString());

    protected override Task OnStartedAsync() => Catalog.StartAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

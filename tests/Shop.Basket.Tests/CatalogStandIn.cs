using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shop.LocalServers;

namespace Shop.Basket.Tests;

/// <summary>
/// A stand-in for catalog over real HTTP on loopback, answering <c>GET /api/catalog/products/{id}</c> for two products,
/// that a test can take down (the port then refuses connections) and bring back on the same port.
/// </summary>
public sealed class CatalogStandIn : IAsyncDisposable
{
    public const int Beans = 21;
    public const int Papers = 7;

    private WebApplication? _app;

    public int Port { get; } = FreePort.Next();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapGet("/api/catalog/products/{id:int}", (int id) => id switch
        {
            Beans => Results.Json(new { id, name = "Espresso beans", description = "", category = "Coffee", price = 9.50m, currency = "USD", availableStock = 10 }),
            Papers => Results.Json(new { id, name = "Filter papers", description = "", category = "Coffee", price = 4.25m, currency = "USD", availableStock = 3 }),
            _ => Results.Problem(statusCode: 404, title: "Product not found"),
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

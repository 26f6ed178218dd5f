using System.Net.Http.Headers;
using System.Reflection;
using Shop.LocalRunner;

[assembly: AssemblyFixture(typeof(Shop.EndToEnd.Tests.RunningShop))]

namespace Shop.EndToEnd.Tests;

/// <summary>
/// The whole shop as real processes, started by the local runner's own orchestration on free ports, with the
/// services built in the same configuration as these tests. Tests speak to it only through the gateway.
/// </summary>
public sealed class RunningShop : IAsyncLifetime
{
    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "shop-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private ShopHost? _host;

    public ShopHost Host => _host ?? throw new InvalidOperationException("The shop is not running.");

    public async ValueTask InitializeAsync()
    {
        var options = new ShopHostOptions
        {
            RepositoryRoot = RepositoryRoot.Find(),
            Configuration = typeof(RunningShop).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
            Build = false,
            LogDirectory = _logDirectory,
            Progress = message => TestContext.Current.SendDiagnosticMessage("shop: {0}", message),
        }.WithFreePorts();

        _host = await ShopHost.StartAsync(options, TestContext.Current.CancellationToken);
    }

    public HttpClient Anonymous() => new() { BaseAddress = Host.GatewayUrl };

    public HttpClient As(string subject, params string[] roles)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.CreateToken(subject, roles));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Directory.Exists(_logDirectory))
        {
            Directory.Delete(_logDirectory, recursive: true);
        }
    }
}

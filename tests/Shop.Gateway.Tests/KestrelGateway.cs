using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.Gateway.DevIssuer;
using Shop.LocalServers;

namespace Shop.Gateway.Tests;

/// <summary>
/// The gateway in Development on a real Kestrel port, its own authority: it fetches its discovery document and JWKS
/// over HTTP from itself, as the services do. The catalog cluster points at a <see cref="RecordingUpstream"/>.
/// </summary>
public class KestrelGateway : IAsyncLifetime
{
    public const string Audience = "shop";
    private WebApplicationFactory<Program>? _factory;

    public RecordingUpstream Catalog { get; } = new();

    /// <summary>Settings on top of the gateway's own, for fixtures that need other limits or proxies.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The tokens' issuer: the authority without its trailing slash.</summary>
    public string Issuer => Address.ToString().TrimEnd('/');

    public DevSigningKey SigningKey => _factory!.Services.GetRequiredService<DevSigningKey>();

    /// <summary>A token from the gateway's own issuer, minted without a request (so without using up a rate limit).</summary>
    public string Token(string subject, params string[] roles) =>
        _factory!.Services.GetRequiredService<DevTokenIssuer>().CreateToken(subject, roles);

    public IConfiguration Configuration => _factory!.Services.GetRequiredService<IConfiguration>();

    public virtual async ValueTask InitializeAsync()
    {
        await Catalog.InitializeAsync();
        var port = FreePort.Next();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("Auth:Authority", Address.ToString())
            .UseSetting("Auth:Audience", Audience)
            .UseSetting("ReverseProxy:Clusters:catalog:Destinations:primary:Address", Catalog.Address.ToString())
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings)));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await Catalog.DisposeAsync();
    }
}

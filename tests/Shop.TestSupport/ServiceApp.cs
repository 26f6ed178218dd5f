using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Topology;
using Shop.Messaging.Provisioning;
using Shop.LocalServers;
using Xunit;

namespace Shop.TestSupport;

/// <summary>
/// One of the shop's services in-process, as it runs in Development: its own fresh, migrated PostgreSQL database
/// (unless <paramref name="connectionName"/> is null: basket has none), its messaging against the moto server under a
/// prefix no other test uses, and HS256 tokens from a key of its own.
/// </summary>
public abstract class ServiceApp<TEntryPoint>(PostgresFixture? postgres, MotoFixture moto, string? connectionName) : IAsyncLifetime
    where TEntryPoint : class
{
    private readonly TokenIssuer _tokens = TokenIssuer.WithRandomKey();
    private WebApplicationFactory<TEntryPoint>? _factory;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The messaging prefix of this app's topics and queues.</summary>
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public MotoFixture Moto => moto;

    /// <summary>The app's queues (and any a subclass provisions) seen through the SQS API.</summary>
    public QueueProbe Queues { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    public async ValueTask InitializeAsync()
    {
        if (postgres is not null && connectionName is not null)
        {
            ConnectionString = await postgres.CreateDatabaseAsync(connectionName.ToLowerInvariant() + "_tests");
        }

        _factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            if (connectionName is not null)
            {
                web.UseSetting($"ConnectionStrings:{connectionName}", ConnectionString).UseSetting("Database:Migrate", "true");
            }

            web.UseEnvironment("Development")
                .UseSetting("Auth:SigningKey", _tokens.SigningKey)
                .UseSetting("Auth:Issuer", TokenIssuer.Issuer)
                .UseSetting("Auth:Audience", TokenIssuer.Audience)
                .UseSetting("Messaging:Prefix", Prefix)
                .UseSetting("Messaging:Provision", "true")
                .UseSetting("Messaging:ReceiveWaitSeconds", "1")
                .UseSetting("Messaging:RetryBaseDelay", "00:00:00.200")
                .UseSetting("Messaging:RetryMaxDelay", "00:00:01");
            foreach (var (key, value) in moto.Settings)
            {
                web.UseSetting(key, value);
            }

            Configure(web);
        });
        _ = _factory.Server;
        Queues = new QueueProbe(moto.CreateSqsClient(), Prefix);
        var provisioner = Services.GetRequiredService<TopologyProvisioner>();
        foreach (var other in OtherServicesQueues)
        {
            await provisioner.ProvisionAsync(other, TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        await OnStartedAsync();
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient As(string subject, params string[] roles)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.CreateToken(subject, roles));
        return client;
    }

    public HttpClient Admin() => As("admin-user", "admin");

    /// <summary>A client sending <paramref name="token"/> as it is.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token of <paramref name="kind"/> that would grant <paramref name="roles"/> if it were valid.</summary>
    public string BadToken(BadToken kind, params string[] roles) =>
        BadTokens.Create(kind, _tokens.Credentials, TokenIssuer.Issuer, TokenIssuer.Audience, roles);

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Queues?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Services whose queues (and topics) are created too but not consumed, so that a test reads what this app
    /// published as they would receive it.
    /// </summary>
    protected virtual IReadOnlyList<ServiceTopology> OtherServicesQueues => [];

    /// <summary>Settings of the particular service on top of the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder web)
    {
    }

    /// <summary>Runs once the app has started and the other services' queues exist.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    private WebApplicationFactory<TEntryPoint> Factory =>
        _factory ?? throw new InvalidOperationException($"{GetType().Name} is not initialized.");
}

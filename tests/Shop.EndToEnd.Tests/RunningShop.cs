using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Shop.EndToEnd.Tests.Faults;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(Shop.EndToEnd.Tests.RunningShop))]

namespace Shop.EndToEnd.Tests;

/// <summary>
/// The shop the tests drive through its gateway, reading its telemetry through the dashboard's API. By default the
/// whole shop as the AppHost models it (every service a real process, PostgreSQL and moto as executables, the
/// dashboard receiving their telemetry), on free ports so that it runs beside a shop someone is running. With
/// <c>SHOP_GATEWAY_URL</c> set, a shop that is already running instead, such as <c>docker compose up</c>'s; see
/// <see cref="ExternalShop"/> for how to name its dashboard and queues.
/// </summary>
public sealed class RunningShop : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dashboardApiKey = Guid.NewGuid().ToString("N");
    private readonly RecentLog _log = new();
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly string _signingKeyFile = Path.Combine(Path.GetTempPath(), $"shop-dev-key-{Guid.NewGuid():N}.pem");
    private DistributedApplication? _app;
    private TcpProxy? _awsProxy;

    public const double PaymentFailureRate = 0.1;

    private const string ShopQueuePrefix = "shop-local";

    public Uri GatewayUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The shop's queues through the SQS API of its moto server; null when a running shop's was not named.</summary>
    public QueueProbe? Queues { get; private set; }

    /// <summary>Null when a running shop's dashboard was not named.</summary>
    public Dashboard? Dashboard { get; private set; }

    /// <summary>
    /// The key the gateway's development issuer signs with (the AppHost is given it), so a test can mint tokens that
    /// are wrong in one way only; null for a shop started elsewhere.
    /// </summary>
    public SigningCredentials? IssuerKey { get; private set; }

    /// <summary>
    /// The services reach SNS, SQS and DynamoDB through this proxy in front of the moto server, so a test can cut
    /// them off; null for a shop started elsewhere.
    /// </summary>
    public TcpProxy? AwsProxy => _awsProxy;

    /// <summary>The orchestrator running the shop, to stop and start its processes; null for a shop started elsewhere.</summary>
    public DistributedApplication? App => _app;

    public async ValueTask InitializeAsync()
    {
        if (ExternalShop.FromEnvironment() is { } external)
        {
            GatewayUrl = external.GatewayUrl;
            Queues = external.Queues();
            Dashboard = external.Dashboard();
            TestContext.Current.SendDiagnosticMessage("shop: running at gateway {0}, dashboard {1}", GatewayUrl, external.DashboardUrl?.ToString() ?? "(none)");
            return;
        }

        _awsProxy = new TcpProxy(() => MotoEndpointOnceAllocated());
        _awsProxy.Start();
        await File.WriteAllTextAsync(_signingKeyFile, _signingKey.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            [
                $"--AppHost:DashboardApiKey={_dashboardApiKey}",
                // Every endpoint, the dashboard's too, on a port the orchestrator picks.
                "--DcpPublisher:RandomizePorts=true",
                // The card processor fails this share of charges, so every saga test also exercises retries.
                $"--Payment:FailureRate={PaymentFailureRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                $"--DevIssuer:SigningKeyFile={_signingKeyFile}",
                $"--AppHost:AwsEndpointUrl={_awsProxy.Url}",
            ],
            (options, _) => options.DisableDashboard = false,
            timeout.Token);

        builder.Services.AddLogging(logging => logging.AddProvider(_log));
        _app = await builder.BuildAsync(timeout.Token);
        try
        {
            await _app.StartAsync(timeout.Token);
            await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The shop was not ready within {StartTimeout.TotalMinutes} minutes. Last log lines:{Environment.NewLine}{_log.Tail()}", e);
        }

        GatewayUrl = _app.GetEndpoint("gateway", "http");
        IssuerKey = new SigningCredentials(new RsaSecurityKey(_signingKey) { KeyId = KeyIdOf(_signingKey) }, SecurityAlgorithms.RsaSha256);
        var moto = _app.GetEndpoint("moto", "http");
        Queues = QueueProbe.OnMoto(moto, ShopQueuePrefix);
        var dashboardUrl = _app.GetEndpoint("aspire-dashboard", "http");
        Dashboard = new Dashboard(dashboardUrl, _dashboardApiKey);
        TestContext.Current.SendDiagnosticMessage("shop: gateway {0}, dashboard {1}", GatewayUrl, dashboardUrl);
    }

    private Uri? MotoEndpointOnceAllocated() =>
        _app?.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "moto")
            .Annotations.OfType<EndpointAnnotation>().Single().AllocatedEndpoint is { } allocated
            ? new Uri(allocated.UriString)
            : null;

    /// <summary>A service's own endpoint, bypassing the gateway; null for a shop started elsewhere (compose publishes only the gateway).</summary>
    public Uri? ServiceUrl(string service) => _app?.GetEndpoint(service, "http");

    /// <summary>A database of the shop's PostgreSQL server; null for a shop started elsewhere.</summary>
    public string? DatabaseConnectionString(string database) => _app?.GetEndpoint("postgres", "tcp") is { } server
        ? $"Host={server.Host};Port={server.Port};Username=postgres;Database={database}"
        : null;

    /// <summary>The shop's moto server; null for a shop started elsewhere.</summary>
    public Uri? MotoUrl => _app?.GetEndpoint("moto", "http");

    /// <summary>The prefix of the shop's queues, topics and tables in the moto server.</summary>
    public static string MessagingPrefix => ShopQueuePrefix;

    /// <summary>The <c>iss</c> of the shop's tokens, from the issuer's discovery document.</summary>
    public async Task<string> IssuerAsync(CancellationToken cancellationToken) =>
        (await Anonymous().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", cancellationToken)).GetProperty("issuer").GetString()!;

    /// <summary>Waits until the resource (one of the AppHost's: postgres, moto, a service) is healthy.</summary>
    public Task WaitHealthyAsync(string resource, CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            Assert.Skip("The shop was started elsewhere: its own healthchecks (docker compose ps) report its resources.");
        }

        return _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
    }

    /// <summary>The dashboard, or the test is skipped when the running shop's was not named.</summary>
    public Dashboard RequireDashboard()
    {
        if (Dashboard is null)
        {
            Assert.Skip("No dashboard to read telemetry from: set SHOP_DASHBOARD_URL to the running shop's.");
        }

        return Dashboard;
    }

    public HttpClient Anonymous() => new() { BaseAddress = GatewayUrl };

    /// <summary>A client calling with a token from the gateway's development issuer, as an API consumer gets one.</summary>
    public async Task<HttpClient> AsAsync(string subject, params string[] roles)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(subject, roles));
        return client;
    }

    /// <summary>An access token from the gateway's development issuer.</summary>
    public async Task<string> TokenAsync(string subject, params string[] roles)
    {
        using var client = Anonymous();
        using var answer = await RateLimited.SendAsync(
            client,
            () => new HttpRequestMessage(HttpMethod.Post, "/dev/token") { Content = JsonContent.Create(new { sub = subject, roles }) },
            TestContext.Current.CancellationToken);
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("access_token").GetString()!;
    }

    // The gateway names its key by its RFC 7638 thumbprint.
    private static string KeyIdOf(RSA rsa) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))).ComputeJwkThumbprint());

    public async ValueTask DisposeAsync()
    {
        File.Delete(_signingKeyFile);
        Dashboard?.Dispose();
        Queues?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_awsProxy is not null)
        {
            await _awsProxy.DisposeAsync();
        }

        _signingKey.Dispose();
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Data;
using Shop.Messaging.Outbox;
using Shop.Messaging.Postgres;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>
/// One service of the pipeline as a real generic host: its own PostgreSQL database, the real messaging layer
/// against the moto server, and, if it consumes, the test handlers.
/// </summary>
public sealed class PipelineNode : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private PipelineNode(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<PipelineNode> StartAsync(
        ServiceTopology topology,
        PipelineEnvironment environment,
        string connectionString,
        FailureInjector? failures = null,
        Action<IServiceCollection>? configure = null,
        HandlerProbe? probe = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(environment.Settings(connectionString));
        builder.Configuration.AddInMemoryCollection(environment.Overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.AddPostgresDbContext<PipelineDbContext>("Pipeline");

        var messaging = builder.AddMessaging<PipelineDbContext>(topology);
        if (topology.Consumes is not null)
        {
            builder.Services.AddSingleton(failures ?? FailureInjector.Never);
            builder.Services.AddSingleton(probe ?? HandlerProbe.Instant);
            messaging.AddHandler<OrderPlaced, OrderPlacedHandler>().AddHandler<OrderCancelled, OrderCancelledHandler>();
        }

        configure?.Invoke(builder.Services);
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PipelineDbContext>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        return new PipelineNode(host);
    }

    /// <summary>Writes <paramref name="events"/> through the outbox in one transaction, as a service's request would.</summary>
    public async Task<IReadOnlyList<Guid>> PublishAsync(params IIntegrationEvent[] events)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PipelineDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var ids = events.Select(outbox.Add).ToList();
        await db.SaveChangesAsync();
        return ids;
    }

    public async Task<T> QueryAsync<T>(Func<PipelineDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PipelineDbContext>());
    }

    public Task<int> OutboxCountAsync() => QueryAsync(db => db.Set<OutboxMessage>().CountAsync());

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

/// <summary>The settings every node of one test shares: the moto endpoint and a prefix no other test uses.</summary>
public sealed record PipelineEnvironment(IReadOnlyDictionary<string, string?> AwsSettings, string Prefix)
{
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Settings that win over the defaults below, e.g. a longer outbox poll.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public Dictionary<string, string?> Settings(string connectionString)
    {
        var settings = AwsSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["ConnectionStrings:Pipeline"] = connectionString;
        settings["Messaging:Prefix"] = Prefix;
        settings["Messaging:Provision"] = "true";
        settings["Messaging:ReceiveWaitSeconds"] = "1";
        settings["Messaging:VisibilityTimeout"] = "00:00:10";
        settings["Messaging:RetryBaseDelay"] = RetryBaseDelay.ToString("c", CultureInfo.InvariantCulture);
        settings["Messaging:RetryMaxDelay"] = "00:00:02";
        settings["Messaging:OutboxPollInterval"] = "00:00:00.250";
        settings["Messaging:OutboxRetryMaxDelay"] = "00:00:01";
        settings["Sns:AttemptTimeout"] = "00:00:02";
        return settings;
    }

    public static PipelineEnvironment Create(IReadOnlyDictionary<string, string?> awsSettings) =>
        new(awsSettings, "t" + Guid.NewGuid().ToString("N")[..10]);
}

using System.Diagnostics;
using Amazon.SQS;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Messaging.Aws;
using Shop.Messaging.Outbox;
using Shop.Data;

namespace Shop.Bench.Messaging;

/// <summary>
/// One service as a real generic host, wired as the services are: its own PostgreSQL database and the messaging
/// layer (outbox and dispatcher, or queue consumer with inbox) against the moto server, at the layer's defaults
/// unless the command line says otherwise. Its SNS and SQS requests go through the side's <see cref="RequestCounter"/>.
/// </summary>
public sealed class BenchNode : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchNode(IHost host) => _host = host;

    /// <summary>Starts the node; the topology it publishes to or consumes from is provisioned before this returns.</summary>
    public static async Task<BenchNode> StartAsync(
        ServiceTopology topology, BenchServers servers, string prefix, string connectionString, RequestCounter requests, int? maxConcurrency)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        var settings = servers.AwsEnvironment.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["ConnectionStrings:Bench"] = connectionString;
        settings["Messaging:Prefix"] = prefix;
        settings["Messaging:Provision"] = "true";
        if (maxConcurrency is { } concurrency)
        {
            settings["Messaging:MaxConcurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(requests.Handler));
        builder.Services.AddSingleton<IAmazonSQS>(sp =>
        {
            var config = sp.GetRequiredService<AwsSettings>().CreateSqsConfig();
            config.HttpClientFactory = requests.SdkFactory();
            return new AmazonSQSClient(config);
        });
        builder.AddPostgresDbContext<BenchDbContext>("Bench");

        var messaging = builder.AddMessaging<BenchDbContext>(topology);
        if (topology.Consumes is not null)
        {
            messaging.AddHandler<OrderPlaced, RecordOrderPlaced>().AddHandler<OrderCancelled, IgnoreOrderCancelled>();
        }

        var host = builder.Build();
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
            }

            await host.StartAsync();
            return new BenchNode(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="order"/> through the outbox and commits it, as a request would.</summary>
    public async Task PublishAsync(OrderPlaced order, CancellationToken cancellationToken)
    {
        // Services publish inside a request's trace: with an activity current, the envelope carries a traceparent.
        using var request = new Activity("bench request").SetIdFormat(ActivityIdFormat.W3C).Start();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Add(order);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<int> OutboxCountAsync(CancellationToken cancellationToken) =>
        QueryAsync(db => db.Set<OutboxMessage>().CountAsync(cancellationToken));

    public async Task<T> QueryAsync<T>(Func<BenchDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BenchDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}

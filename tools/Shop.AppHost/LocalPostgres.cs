using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Topology;
using Shop.LocalServers;

namespace Shop.AppHost;

/// <summary>
/// A throwaway PostgreSQL server run by the orchestrator as a plain process (no container engine needed). Its
/// cluster is created in a temporary folder just before it starts and deleted once it has stopped; it is ready
/// when it accepts connections and every database asked for with <see cref="WithDatabase"/> exists.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string binDirectory)
    : ExecutableResource(name, command, Path.GetTempPath())
{
    public const string EndpointName = "tcp";

    public string BinDirectory { get; } = binDirectory;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "shop-pg-" + Guid.NewGuid().ToString("N")[..12]);

    public List<string> Databases { get; } = [];

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringFor(string database) => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Database={database}");
}

public static class LocalPostgresExtensions
{
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, int? port)
    {
        var binDirectory = PostgresBinaries.FindDirectory()
            ?? throw new InvalidOperationException(
                "PostgreSQL's server tools (initdb, postgres) were found neither on PATH nor in /usr/lib/postgresql/*/bin; install PostgreSQL.");
        // PostgreSQL refuses to run as root; as root it runs as the postgres OS user.
        var (command, prefix) = CommandLine.AsPostgresUser(PostgresBinaries.Server(binDirectory), []);
        var resource = new LocalPostgresResource(name, command, binDirectory);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (_, cancellationToken) =>
        {
            // A restart from the dashboard finds the cluster it made before.
            if (!File.Exists(Path.Combine(resource.DataDirectory, "PG_VERSION")))
            {
                await LocalPostgres.InitializeClusterAsync(resource.BinDirectory, resource.DataDirectory, cancellationToken);
            }
        });
        builder.Services.AddHostedService(_ => new LocalPostgresCleanup(resource));

        var healthCheckKey = name + "-databases";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new DatabasesExistCheck(resource),
            failureStatus: null,
            tags: null));

        return builder.AddResource(resource)
            .WithEndpoint(port: port, name: LocalPostgresResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                object[] arguments =
                [
                    .. prefix,
                    "-p", resource.Endpoint.Property(EndpointProperty.TargetPort),
                    .. LocalPostgres.ServerArguments(resource.DataDirectory),
                ];
                foreach (var argument in arguments)
                {
                    context.Args.Add(argument);
                }
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Gives the service <c>ConnectionStrings__{connectionName}</c> for its own database on the server, migrating it at
    /// start, once the server is ready.
    /// </summary>
    public static IResourceBuilder<T> WithDatabase<T>(
        this IResourceBuilder<T> service, IResourceBuilder<LocalPostgresResource> postgres, ShopServiceDefinition definition)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        var database = definition.Database ?? throw new ArgumentException($"{definition.Name} has no database.", nameof(definition));
        postgres.Resource.Databases.Add(database);
        return service
            .WithEnvironment($"ConnectionStrings__{definition.ConnectionName}", postgres.Resource.ConnectionStringFor(database))
            .WithEnvironment("Database__Migrate", "true")
            .WaitFor(postgres);
    }

    private sealed class DatabasesExistCheck(LocalPostgresResource resource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!resource.Endpoint.IsAllocated)
            {
                return HealthCheckResult.Unhealthy("The server has no port yet.");
            }

            var server = $"Host={resource.Endpoint.Host};Port={resource.Endpoint.Port};Username=postgres;Timeout=3";
            try
            {
                foreach (var database in resource.Databases)
                {
                    await PostgresAdmin.CreateDatabaseAsync(server, database, cancellationToken);
                }

                await PostgresAdmin.PingAsync(server, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults.Health;

namespace Shop.ServiceDefaults.Data;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on PostgreSQL from <c>ConnectionStrings__{connectionName}</c>,
    /// a readiness check that the database answers, and (with <c>Database__Migrate=true</c>) migrations at start.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The setting ConnectionStrings:{connectionName} (environment variable ConnectionStrings__{connectionName}) is not set.");
        }

        builder.Services.AddDbContext<TContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention());

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("postgres", timeout: HealthExtensions.DependencyTimeout);

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<MigrateOnStart<TContext>>();
        return builder;
    }
}

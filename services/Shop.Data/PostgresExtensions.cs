using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.ServiceDefaults.Health;

namespace Shop.Data;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on PostgreSQL from <c>ConnectionStrings__{connectionName}</c> (checked
    /// at start), a readiness check that the database answers, (with <c>Database__Migrate=true</c>) migrations at start,
    /// a read of one table before the service listens (<see cref="WarmUpOnStart{TContext}"/>),
    /// Npgsql's traces and metrics, and a 503 for requests that fail because the database is unavailable.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        builder.Services.AddOptions<DatabaseOptions>(connectionName)
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ConnectionName = connectionName;
                options.ConnectionString = configuration.GetConnectionString(connectionName);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(Settings(services, connectionName).ConnectionString)
            .UseSnakeCaseNamingConvention());

        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("postgres", timeout: HealthExtensions.DependencyTimeout);
        builder.Services.AddHostedService(services => new MigrateOnStart<TContext>(
            services.GetRequiredService<IServiceScopeFactory>(),
            Settings(services, connectionName).Migrate,
            services.GetRequiredService<ILogger<MigrateOnStart<TContext>>>()));
        builder.Services.AddHostedService<WarmUpOnStart<TContext>>();
        return builder;
    }

    private static DatabaseOptions Settings(IServiceProvider services, string connectionName) =>
        services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().Get(connectionName);
}

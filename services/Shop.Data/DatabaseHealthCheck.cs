using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shop.ServiceDefaults.Health;

namespace Shop.Data;

/// <summary>
/// Opens its own connection with a connect timeout of <see cref="HealthExtensions.DependencyTimeout"/>: a database
/// that accepts TCP but never answers would otherwise hold the probe for the service's full connect timeout,
/// since a connection attempt does not stop on cancellation alone.
/// </summary>
internal sealed class DatabaseHealthCheck<TContext>(TContext db) : IHealthCheck
    where TContext : DbContext
{
    private static readonly int TimeoutSeconds = (int)Math.Ceiling(HealthExtensions.DependencyTimeout.TotalSeconds);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            Timeout = TimeoutSeconds,
            CommandTimeout = TimeoutSeconds,
        }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}

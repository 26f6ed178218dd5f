using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.Data;

/// <summary>
/// Hosted services start before Kestrel listens, so a migrating service is not ready until its schema is.
/// EF Core takes a database lock while migrating, so several replicas starting together are safe.
/// </summary>
internal sealed partial class MigrateOnStart<TContext>(
    IServiceScopeFactory scopes,
    bool migrate,
    ILogger<MigrateOnStart<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!migrate)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await DatabaseCreation.CreateIfMissingAsync(db.Database.GetConnectionString()!, cancellationToken))
        {
            LogCreated(logger, db.Database.GetDbConnection().Database);
        }

        // EF Core reads the migrations history before creating its table, and logs that failed read on a new database
        // as an error; with the table there first, a first start logs none.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, typeof(TContext).Name, db.Database.GetMigrations().Count() - applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: applied {Count} pending migration(s)")]
    private static partial void LogMigrated(ILogger logger, string context, int count);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.ServiceDefaults.Data;

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
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, typeof(TContext).Name, pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: applied {Count} pending migration(s)")]
    private static partial void LogMigrated(ILogger logger, string context, int count);
}

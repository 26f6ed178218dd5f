using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shop.Data;

/// <summary>
/// Queries one table the context maps, for no row, before Kestrel listens. A service's first query otherwise builds
/// the model and compiles EF Core's and Npgsql's query path on a customer's request: 1.5-3 s on two shared cores,
/// long enough for a burst of first requests to outlast the gateway's route timeout (10 s) and come back as 504s.
/// One table is enough to compile the path every query shares; each further table would only add its own shaper, in
/// memory that an idle service keeps.
/// A database that cannot be read now only costs the warming: the start goes on, as readiness will tell.
/// </summary>
internal sealed partial class WarmUpOnStart<TContext>(IServiceScopeFactory scopes, ILogger<WarmUpOnStart<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        try
        {
            var table = db.Model.GetEntityTypes().FirstOrDefault(t => !t.IsOwned() && t.FindPrimaryKey() is not null && !t.HasSharedClrType);
            if (table is not null)
            {
                await QueryNoRowAsync(db, table.ClrType, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNotWarmed(logger, typeof(TContext).Name, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Task QueryNoRowAsync(DbContext db, Type entity, CancellationToken cancellationToken) =>
        (Task)QueryNoRowMethod.MakeGenericMethod(entity).Invoke(null, [db, cancellationToken])!;

    private static readonly MethodInfo QueryNoRowMethod =
        typeof(WarmUpOnStart<TContext>).GetMethod(nameof(QueryNoRow), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task QueryNoRow<TEntity>(DbContext db, CancellationToken cancellationToken)
        where TEntity : class =>
        db.Set<TEntity>().AsNoTracking().Where(_ => false).ToListAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Context}: not warmed up at start ({Reason}); its first requests will be slower")]
    private static partial void LogNotWarmed(ILogger logger, string context, string reason);
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>Counts the outbox dispatcher's passes: each pass starts with one claim statement.</summary>
public sealed class OutboxClaimCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void AttachTo(IServiceCollection services) =>
        services.ConfigureDbContext<PipelineDbContext>(options => options.AddInterceptors(this));

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FOR UPDATE SKIP LOCKED", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return ValueTask.FromResult(result);
    }
}

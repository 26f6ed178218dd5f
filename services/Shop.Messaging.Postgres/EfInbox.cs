using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Messaging.Consuming;
using Shop.Messaging.Inbox;

namespace Shop.Messaging.Postgres;

/// <summary>
/// The inbox of a PostgreSQL service: the inbox row is inserted first in the transaction (a concurrent duplicate
/// blocks on its key, then finds it), the handler's changes are saved in the same transaction, and a failure rolls
/// all of it back.
/// </summary>
internal sealed class EfInbox<TDbContext>(TimeProvider time) : IInbox
    where TDbContext : DbContext
{
    public async Task<DispatchOutcome> ApplyOnceAsync(
        MessageContext context, IServiceProvider scope, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var db = scope.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        db.Add(new InboxMessage { EventId = context.EventId, Consumer = context.Queue, Type = context.Type, ProcessedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DispatchOutcome.Duplicate;
        }

        await handle(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DispatchOutcome.Applied;
    }
}

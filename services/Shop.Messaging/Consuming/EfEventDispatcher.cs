using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Messaging.Inbox;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Runs the handler for a delivery exactly once per consumer: the inbox row is inserted first in the transaction
/// (a concurrent duplicate blocks on its key, then finds it), the handler's changes are saved in the same
/// transaction, and a failure rolls all of it back.
/// </summary>
internal sealed class EfEventDispatcher<TDbContext>(IServiceScopeFactory scopes, IEnumerable<HandlerRegistration> registrations, TimeProvider time)
    : IEventDispatcher
    where TDbContext : DbContext
{
    private readonly HandlerTable<HandlerRegistration> _handlers = new(registrations);

    public IReadOnlyCollection<string> HandledTypes => _handlers.Types;

    public async Task<DispatchOutcome> DispatchAsync(Delivery delivery, MessageContext context, CancellationToken cancellationToken)
    {
        var (handler, @event) = _handlers.Resolve(delivery, context);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
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

        await handler.Invoke(scope.ServiceProvider, @event, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DispatchOutcome.Applied;
    }
}

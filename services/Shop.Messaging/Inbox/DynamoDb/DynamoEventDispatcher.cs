using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Consuming;

namespace Shop.Messaging.Inbox.DynamoDb;

internal sealed class DynamoEventDispatcher(IServiceScopeFactory scopes, IEnumerable<DynamoHandlerRegistration> registrations, DynamoInbox inbox)
    : IEventDispatcher
{
    private readonly HandlerTable<DynamoHandlerRegistration> _handlers = new(registrations);

    public IReadOnlyCollection<string> HandledTypes => _handlers.Types;

    public async Task<DispatchOutcome> DispatchAsync(Delivery delivery, MessageContext context, CancellationToken cancellationToken)
    {
        var (handler, @event) = _handlers.Resolve(delivery, context);
        await using var scope = scopes.CreateAsyncScope();
        var writes = await handler.Invoke(scope.ServiceProvider, @event, context, cancellationToken);
        var applied = await inbox.ApplyOnceAsync(context.EventId, context.Queue, context.Type, writes, cancellationToken);
        return applied ? DispatchOutcome.Applied : DispatchOutcome.Duplicate;
    }
}

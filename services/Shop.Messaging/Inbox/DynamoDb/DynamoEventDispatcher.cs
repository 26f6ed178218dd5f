using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Consuming;

namespace Shop.Messaging.Inbox.DynamoDb;

internal sealed class DynamoEventDispatcher(IServiceScopeFactory scopes, IEnumerable<DynamoHandlerRegistration> registrations, DynamoInbox inbox)
    : IEventDispatcher
{
    private readonly Dictionary<string, DynamoHandlerRegistration> _handlers = registrations.ToDictionary(r => r.Type);

    public IReadOnlyCollection<string> HandledTypes => _handlers.Keys;

    public async Task<DispatchOutcome> DispatchAsync(Delivery delivery, MessageContext context, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(context.Type, out var handler))
        {
            throw new UnprocessableMessageException($"No handler for event type '{context.Type}' on queue {context.Queue}.");
        }

        var @event = delivery.Deserialize(handler.EventType);
        await using var scope = scopes.CreateAsyncScope();
        var writes = await handler.Invoke(scope.ServiceProvider, @event, context, cancellationToken);
        var applied = await inbox.ApplyOnceAsync(context.EventId, context.Queue, context.Type, writes, cancellationToken);
        return applied ? DispatchOutcome.Applied : DispatchOutcome.Duplicate;
    }
}

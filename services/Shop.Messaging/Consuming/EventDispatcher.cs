using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Inbox;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Finds the handler for a delivery's <c>type</c>, reads the event and applies it once per consumer through the
/// service's inbox, in a scope of its own. An unknown type or an unreadable body is unprocessable.
/// </summary>
internal sealed class EventDispatcher(IServiceScopeFactory scopes, IEnumerable<HandlerRegistration> registrations, IInbox inbox)
{
    private readonly Dictionary<string, HandlerRegistration> _handlers = registrations.ToDictionary(r => r.Type);

    public IReadOnlyCollection<string> HandledTypes => _handlers.Keys;

    public async Task<DispatchOutcome> DispatchAsync(Delivery delivery, MessageContext context, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(context.Type, out var handler))
        {
            throw new UnprocessableMessageException($"No handler for event type '{context.Type}' on queue {context.Queue}.");
        }

        var @event = delivery.Deserialize(handler.EventType);
        await using var scope = scopes.CreateAsyncScope();
        return await inbox.ApplyOnceAsync(
            context, scope.ServiceProvider, token => handler.Invoke(scope.ServiceProvider, @event, context, token), cancellationToken);
    }
}

namespace Shop.Messaging.Consuming;

/// <summary>What every handler registration says: the <c>type</c> attribute it answers to and the event's CLR type.</summary>
internal interface IHandlerRegistration
{
    string Type { get; }

    Type EventType { get; }
}

/// <summary>The handlers of one consumer by event type, whatever store they write to.</summary>
internal sealed class HandlerTable<TRegistration>(IEnumerable<TRegistration> registrations)
    where TRegistration : IHandlerRegistration
{
    private readonly Dictionary<string, TRegistration> _handlers = registrations.ToDictionary(r => r.Type);

    public IReadOnlyCollection<string> Types => _handlers.Keys;

    /// <summary>The handler for the delivery's type and the event it carries; an unknown type or unreadable body is unprocessable.</summary>
    public (TRegistration Handler, object Event) Resolve(Delivery delivery, MessageContext context) =>
        _handlers.TryGetValue(context.Type, out var handler)
            ? (handler, delivery.Deserialize(handler.EventType))
            : throw new UnprocessableMessageException($"No handler for event type '{context.Type}' on queue {context.Queue}.");
}

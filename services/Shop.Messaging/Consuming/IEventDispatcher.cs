namespace Shop.Messaging.Consuming;

internal enum DispatchOutcome
{
    Applied,
    Duplicate,
}

/// <summary>Applies a delivery through its handler once per consumer, in whatever store the service keeps its state.</summary>
internal interface IEventDispatcher
{
    IReadOnlyCollection<string> HandledTypes { get; }

    Task<DispatchOutcome> DispatchAsync(Delivery delivery, MessageContext context, CancellationToken cancellationToken);
}

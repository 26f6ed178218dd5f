using Shop.Contracts.Events;

namespace Shop.Bench.Messaging;

/// <summary>One way of moving events from a producer to a consumer, measured side by side with the other.</summary>
public interface ISide
{
    string Name { get; }

    /// <summary>Fresh topics, queues and databases for one round, so that no backlog carries over.</summary>
    Task<ISideSession> StartAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>A side, running, for one round: it takes events and reports each one applied to <see cref="Deliveries"/>.</summary>
public interface ISideSession : IAsyncDisposable
{
    Deliveries Deliveries { get; }

    /// <summary>Every AWS request the side's producer and consumer sent.</summary>
    RequestCounter Requests { get; }

    /// <summary>Hands one event to the producer the way the side's application would: returns once the side has it.</summary>
    Task OfferAsync(OrderPlaced order, CancellationToken cancellationToken);

    /// <summary>Events taken but not yet deleted from the queue: the outbox, plus the queue's visible and in-flight messages.</summary>
    Task<int> BacklogAsync(CancellationToken cancellationToken);

    /// <summary>Throws unless every order's effect happened exactly once (where the side promises that).</summary>
    Task VerifyAsync(IReadOnlyCollection<OrderPlaced> orders, CancellationToken cancellationToken);
}

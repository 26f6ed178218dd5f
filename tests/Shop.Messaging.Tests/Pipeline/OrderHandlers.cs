using System.Collections.Concurrent;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>Decides whether a handler fails this time (for poison and retry tests).</summary>
public sealed class FailureInjector(Func<Guid, int, bool> shouldFail)
{
    private int _injected;

    public static FailureInjector Never { get; } = new((_, _) => false);

    /// <summary>Fails a random <paramref name="share"/> of events, each at most <paramref name="maxFailures"/> times (below the DLQ's 5).</summary>
    public static FailureInjector Randomly(double share, int maxFailures, int seed)
    {
        var failures = new ConcurrentDictionary<Guid, int>();
        var random = new Random(seed);
        var chosen = new ConcurrentDictionary<Guid, bool>();
        return new((eventId, _) =>
        {
            if (!chosen.GetOrAdd(eventId, _ => { lock (random) { return random.NextDouble() < share; } }))
            {
                return false;
            }

            return failures.AddOrUpdate(eventId, 1, (_, n) => n + 1) <= maxFailures;
        });
    }

    /// <summary>How many failures were injected: a test of retries proves nothing if this is 0.</summary>
    public int Injected => Volatile.Read(ref _injected);

    public bool ShouldFail(MessageContext context)
    {
        var fail = shouldFail(context.EventId, context.ReceiveCount);
        if (fail)
        {
            Interlocked.Increment(ref _injected);
        }

        return fail;
    }
}

/// <summary>Counts handler runs and can make each run take a while (for visibility and shutdown tests).</summary>
public sealed class HandlerProbe(TimeSpan delay)
{
    private int _started;
    private int _finished;

    public static HandlerProbe Instant => new(TimeSpan.Zero);

    public TimeSpan Delay { get; } = delay;

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await Task.Delay(Delay, cancellationToken);
        Interlocked.Increment(ref _finished);
    }
}

public sealed class OrderPlacedHandler(PipelineDbContext db, FailureInjector failures, HandlerProbe probe) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
    {
        await probe.RunAsync(cancellationToken);
        var order = await db.AppliedOrders.FindAsync([@event.OrderId], cancellationToken);
        if (order is null)
        {
            order = new AppliedOrder { OrderId = @event.OrderId };
            db.AppliedOrders.Add(order);
        }

        order.Applications++;
        if (failures.ShouldFail(context))
        {
            throw new InvalidOperationException($"Injected failure for event {context.EventId} on receive {context.ReceiveCount}.");
        }
    }
}

public sealed class OrderCancelledHandler : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled @event, MessageContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

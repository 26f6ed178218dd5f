using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;

namespace Shop.Messaging.Outbox;

internal sealed class EfOutbox<TDbContext>(TDbContext db, TimeProvider time) : IOutbox
    where TDbContext : DbContext
{
    public Guid Add(IIntegrationEvent @event)
    {
        var eventType = @event.GetType();
        var now = time.GetUtcNow();
        // The trace of the request or message that caused the event; the dispatcher's publish span continues it.
        var cause = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = EventType.NameOf(eventType),
            Topic = ShopTopology.TopicOf(eventType).Name,
            Body = JsonSerializer.Serialize(@event, eventType, EventJson.Options),
            TraceParent = cause?.Id,
            TraceState = cause?.TraceStateString,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Set<OutboxMessage>().Add(message);
        return message.Id;
    }
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Postgres;

internal sealed class EfOutbox<TDbContext>(TDbContext db, ServiceTopology topology, TimeProvider time) : IOutbox
    where TDbContext : DbContext
{
    public Guid Add(IIntegrationEvent @event)
    {
        var eventType = @event.GetType();
        var topic = ShopTopology.TopicOf(eventType);
        if (topic != topology.Publishes)
        {
            // Only the owner's dispatcher relays a topic: anything else would sit in this outbox for ever.
            throw new InvalidOperationException(
                $"{topology.Service} cannot publish {eventType.Name}: it belongs on {topic.Name}, which {topology.Service} does not publish.");
        }

        var now = time.GetUtcNow();
        // The trace of the request or message that caused the event; the dispatcher's publish span continues it.
        var cause = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity : null;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = EventType.NameOf(eventType),
            Topic = topic.Name,
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

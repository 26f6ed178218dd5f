using Shop.Contracts.Events;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Publishes events as part of the caller's unit of work: the event is stored by the next SaveChanges of the
/// service's DbContext, in the same transaction as the state change, and relayed to SNS after it commits.
/// </summary>
public interface IOutbox
{
    /// <summary>Adds <paramref name="event"/> to the unit of work; returns its event id.</summary>
    Guid Add(IIntegrationEvent @event);
}

using Shop.Contracts.Events;

namespace Shop.Ordering.Domain;

/// <summary>What an event or a command did to an order: a transition (with the event to publish), or nothing and why.</summary>
public sealed record OrderChange(OrderChangeKind Kind, IIntegrationEvent? Publish, string Note)
{
    public static OrderChange Transition(IIntegrationEvent publish, string note) => new(OrderChangeKind.Transition, publish, note);

    public static OrderChange Ignored(string note) => new(OrderChangeKind.Ignored, null, note);

    /// <summary>Something was written down without a transition, e.g. a payment for an order already cancelled.</summary>
    public static OrderChange Recorded(string note) => new(OrderChangeKind.Recorded, null, note);
}

public enum OrderChangeKind
{
    Transition,
    Recorded,
    Ignored,
}

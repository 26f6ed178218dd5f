using Shop.Contracts.Events;

namespace Shop.Contracts.Topology;

public static class EventType
{
    /// <summary>The value of the <c>type</c> message attribute for <paramref name="eventType"/>.</summary>
    public static string NameOf(Type eventType) =>
        typeof(IIntegrationEvent).IsAssignableFrom(eventType) && !eventType.IsAbstract
            ? eventType.Name
            : throw new ArgumentException($"{eventType} is not an integration event.", nameof(eventType));

    public static string NameOf<TEvent>()
        where TEvent : IIntegrationEvent => typeof(TEvent).Name;
}

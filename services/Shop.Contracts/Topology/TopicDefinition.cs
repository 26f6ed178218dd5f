namespace Shop.Contracts.Topology;

/// <summary>An SNS topic owned by one publishing service, and the event types published on it.</summary>
public sealed record TopicDefinition(string Name, IReadOnlyList<Type> EventTypes)
{
    public IEnumerable<string> EventTypeNames => EventTypes.Select(EventType.NameOf);
}

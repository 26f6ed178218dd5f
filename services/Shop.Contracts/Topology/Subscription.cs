namespace Shop.Contracts.Topology;

/// <summary>The queue receives these event types from the topic (an SNS filter policy on the <c>type</c> attribute).</summary>
public sealed record Subscription(TopicDefinition Topic, IReadOnlyList<Type> EventTypes)
{
    public IEnumerable<string> EventTypeNames => EventTypes.Select(EventType.NameOf);
}

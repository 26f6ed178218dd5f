namespace Shop.Contracts.Topology;

/// <summary>What one service publishes to and consumes from.</summary>
public sealed record ServiceTopology(string Service, TopicDefinition? Publishes, QueueDefinition? Consumes);

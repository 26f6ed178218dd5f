namespace Shop.Contracts.Events;

/// <summary>
/// An event one service publishes for others. Its <c>type</c> message attribute is the record's name, which SNS
/// filter policies match on, so renaming a record is a breaking change to the topology.
/// </summary>
public interface IIntegrationEvent;

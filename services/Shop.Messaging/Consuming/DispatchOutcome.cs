namespace Shop.Messaging.Consuming;

/// <summary>What became of a delivery that was handled without an error.</summary>
public enum DispatchOutcome
{
    /// <summary>The handler's changes and the inbox record committed together.</summary>
    Applied,

    /// <summary>The inbox already held the event: nothing changed.</summary>
    Duplicate,
}

namespace Shop.Messaging.Consuming;

/// <summary>The message cannot be handled as it is (no type, unknown type, bad JSON). It is not deleted: it retries and ends in the DLQ.</summary>
public sealed class UnprocessableMessageException(string message, Exception? inner = null) : Exception(message, inner);

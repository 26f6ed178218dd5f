namespace Shop.DeadLetters;

public sealed record DeadLetter(string MessageId, string? Type, string? EventId, int ReceiveCount, string Body);

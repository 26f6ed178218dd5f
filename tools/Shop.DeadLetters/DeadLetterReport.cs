namespace Shop.DeadLetters;

/// <summary>One dead-letter queue: how many messages it holds and a look at the first few.</summary>
public sealed record DeadLetterReport(string Queue, string DeadLetterQueue, int Depth, IReadOnlyList<DeadLetter> Messages);

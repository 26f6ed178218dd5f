using System.Globalization;
using System.Text;

namespace Shop.DeadLetters;

/// <summary>The parsed command line: <c>list [--peek N]</c> or <c>redrive QUEUE</c>, each with an optional <c>--prefix P</c>.</summary>
public sealed record DeadLetterCommand(string Verb, string? Queue, int Peek, string? Prefix)
{
    public const string Usage = """
        Usage: dotnet run --project tools/Shop.DeadLetters -- list [--peek N] [--prefix P]
               dotnet run --project tools/Shop.DeadLetters -- redrive QUEUE [--prefix P]
          list      each dead-letter queue's depth and its first N messages (default 3)
          redrive   moves every message of QUEUE's dead-letter queue back to QUEUE (e.g. catalog)
        The prefix defaults to Messaging__Prefix; AWS_ENDPOINT_URL and AWS_REGION say where the queues are.
        """;

    public static DeadLetterCommand? Parse(IReadOnlyList<string> args, out string error)
    {
        error = "";
        if (args.Count == 0 || args[0] is not ("list" or "redrive"))
        {
            error = args.Count == 0 ? "" : $"Unknown command '{args[0]}'.";
            return null;
        }

        var command = new DeadLetterCommand(args[0], null, 3, null);
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--peek" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var peek) && peek >= 0:
                    command = command with { Peek = peek };
                    i++;
                    break;
                case "--prefix" when i + 1 < args.Count:
                    command = command with { Prefix = args[++i] };
                    break;
                case var queue when command.Verb == "redrive" && command.Queue is null && !queue.StartsWith('-'):
                    command = command with { Queue = queue };
                    break;
                default:
                    error = $"Unexpected argument '{args[i]}'.";
                    return null;
            }
        }

        if (command.Verb == "redrive" && command.Queue is null)
        {
            error = "redrive needs the queue to move messages back to, e.g. redrive catalog.";
            return null;
        }

        return command;
    }

    public static string Format(IEnumerable<DeadLetterReport> reports)
    {
        var text = new StringBuilder();
        foreach (var report in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.DeadLetterQueue}: {report.Depth} message(s)");
            foreach (var message in report.Messages)
            {
                var body = message.Body.Length > 120 ? message.Body[..120] + "…" : message.Body;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {message.MessageId} type={message.Type} id={message.EventId} receives={message.ReceiveCount} {body}");
            }
        }

        return text.Length == 0 ? "No dead-letter queue exists under this prefix." : text.ToString().TrimEnd();
    }
}

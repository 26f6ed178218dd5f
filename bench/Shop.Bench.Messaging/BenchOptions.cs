using System.Globalization;

namespace Shop.Bench.Messaging;

/// <summary>The command line: how many events, how many rounds, where the result goes.</summary>
public sealed record BenchOptions(int Events, int Rounds, int EventsPerTransaction, int Warmup, string Output)
{
    public const string DefaultOutput = "bench/results/messaging.md";

    public const string Usage =
        """
        Usage: bash bench/messaging.sh [--events N] [--rounds R] [--per-transaction T] [--warmup W] [--output FILE]

          --events N            events (messages) per side and round; default 1000
          --rounds R            rounds of each side, run alternately (peer, pipeline, peer, ...); default 3
          --per-transaction T   events the pipeline's publisher commits per transaction; default 10
          --warmup W            events per side in one unmeasured warm-up round first (JIT, connection pools); default 50, 0 for none
          --output FILE         where the Markdown result goes, relative to the repository root; default bench/results/messaging.md
        """;

    /// <summary>The options, or null with an <paramref name="error"/> (empty when help was asked for).</summary>
    public static BenchOptions? Parse(string[] args, out string error)
    {
        var options = new BenchOptions(Events: 1000, Rounds: 3, EventsPerTransaction: 10, Warmup: 50, Output: DefaultOutput);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                error = "";
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{args[i]} needs a value.";
                return null;
            }

            var value = args[++i];
            switch (args[i - 1])
            {
                case "--events" when Positive(value) is { } events:
                    options = options with { Events = events };
                    break;
                case "--rounds" when Positive(value) is { } rounds:
                    options = options with { Rounds = rounds };
                    break;
                case "--per-transaction" when Positive(value) is { } perTransaction:
                    options = options with { EventsPerTransaction = perTransaction };
                    break;
                case "--warmup" when Whole(value) is { } warmup:
                    options = options with { Warmup = warmup };
                    break;
                case "--output":
                    options = options with { Output = value };
                    break;
                case "--events" or "--rounds" or "--per-transaction" or "--warmup":
                    error = $"{args[i - 1]} must be a {(args[i - 1] == "--warmup" ? "" : "positive ")}whole number; got '{value}'.";
                    return null;
                default:
                    error = $"Unknown option '{args[i - 1]}'.";
                    return null;
            }
        }

        error = "";
        return options;
    }

    private static int? Positive(string value) => Whole(value) is > 0 and var n ? n : null;

    private static int? Whole(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

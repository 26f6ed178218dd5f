using System.Globalization;

namespace Shop.Bench.Messaging;

/// <summary>The command line: the offered loads, how many rounds, where the result goes.</summary>
public sealed record BenchOptions(
    int Burst, IReadOnlyList<double> Rates, int RateSeconds, int Rounds, int Warmup, int? MaxConcurrency, string Output)
{
    public const string DefaultOutput = "bench/results/messaging.md";

    public const string Usage =
        """
        Usage: bash bench/messaging.sh [--burst N] [--rates R1,R2,...] [--rate-seconds S] [--rounds R] [--warmup W]
                                       [--max-concurrency C] [--output FILE]

          --burst N            events offered at once in each side's saturation phase; default 1000
          --rates R1,R2,...    fixed rates (events/s) of the open-loop phases, each --rate-seconds long; default 10,25,50,100;
                               none for the burst alone
          --rate-seconds S     length of each fixed-rate phase; default 20
          --rounds R           rounds; each runs both sides, alternating which goes first; default 5
          --warmup W           events per side in an unmeasured burst first (JIT, connection pools); default 100, 0 for none
          --max-concurrency C  Messaging:MaxConcurrency of the pipeline's consumer; default: the layer's own default
          --output FILE        where the Markdown result goes, relative to the repository root; default bench/results/messaging.md
        """;

    public IEnumerable<Phase> Phases(int burst) =>
        [Phase.Burst(burst), .. Rates.Select(rate => Phase.FixedRate(rate, TimeSpan.FromSeconds(RateSeconds)))];

    /// <summary>The arguments that reproduce this run.</summary>
    public string CommandLine()
    {
        var rates = Rates.Count == 0 ? "none" : string.Join(',', Rates.Select(r => r.ToString(CultureInfo.InvariantCulture)));
        var arguments = $"--burst {Burst} --rates {rates} " +
                        $"--rate-seconds {RateSeconds} --rounds {Rounds} --warmup {Warmup}";
        return MaxConcurrency is { } c ? $"{arguments} --max-concurrency {c}" : arguments;
    }

    /// <summary>The options, or null with an <paramref name="error"/> (empty when help was asked for).</summary>
    public static BenchOptions? Parse(string[] args, out string error)
    {
        var options = new BenchOptions(Burst: 1000, Rates: [10, 25, 50, 100], RateSeconds: 20, Rounds: 5, Warmup: 100, MaxConcurrency: null, Output: DefaultOutput);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{args[i]} needs a value.";
                return null;
            }

            var (name, value) = (args[i], args[++i]);
            options = name switch
            {
                "--burst" when Whole(value, 1) is { } burst => options with { Burst = burst },
                "--rates" when ParseRates(value) is { } rates => options with { Rates = rates },
                "--rate-seconds" when Whole(value, 1) is { } seconds => options with { RateSeconds = seconds },
                "--rounds" when Whole(value, 1) is { } rounds => options with { Rounds = rounds },
                "--warmup" when Whole(value, 0) is { } warmup => options with { Warmup = warmup },
                "--max-concurrency" when Whole(value, 1) is { } concurrency => options with { MaxConcurrency = concurrency },
                "--output" => options with { Output = value },
                _ => null!,
            };
            if (options is null)
            {
                error = $"Unknown option '{name}' or bad value '{value}'.";
                return null;
            }
        }

        return options;
    }

    private static int? Whole(string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum ? n : null;

    private static List<double>? ParseRates(string value)
    {
        if (value == "none")
        {
            return [];
        }

        var rates = value.Split(',').Select(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 ? x : (double?)null).ToList();
        return rates.Count > 0 && rates.All(r => r is not null) ? rates.Select(r => r!.Value).ToList() : null;
    }
}

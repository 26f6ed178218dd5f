using System.Globalization;

namespace Shop.Bench.Saga;

public sealed record SagaBenchOptions
{
    /// <summary>Orders per second, one open-loop run each.</summary>
    public IReadOnlyList<double> Rates { get; init; } = [2, 5, 10];

    public int Seconds { get; init; } = 60;

    public string Output { get; init; } = "bench/results/saga.md";

    public const string Usage = "bash bench/saga.sh [--rates 2,5,10] [--seconds 60] [--output bench/results/saga.md]";

    public static SagaBenchOptions Parse(string[] args)
    {
        var options = new SagaBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.{Environment.NewLine}{Usage}");
            options = args[i] switch
            {
                "--rates" => options with { Rates = [.. value.Split(',').Select(r => Positive("--rates", r))] },
                "--seconds" => options with { Seconds = (int)Positive("--seconds", value) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}.{Environment.NewLine}{Usage}"),
            };
        }

        return options;
    }

    public string CommandLine() =>
        $"--rates {string.Join(',', Rates.Select(r => r.ToString(CultureInfo.InvariantCulture)))} --seconds {Seconds}";

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} takes positive numbers; got '{value}'.");
}

using System.Globalization;

namespace Shop.Bench.Gateway;

public sealed record GatewayBenchOptions
{
    /// <summary>Long enough for the .NET targets' tiered JIT to settle, so the rounds measure the steady state.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(15);

    public int Rounds { get; init; } = 5;

    /// <summary>Length of each run, closed and open loop alike.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Concurrent callers in the closed-loop (efficiency) runs.</summary>
    public int Connections { get; init; } = 32;

    /// <summary>Requests per second in the open-loop (latency) runs: well under what every target sustains.</summary>
    public int Rate { get; init; } = 500;

    public int StartupSamples { get; init; } = 5;

    /// <summary>Instead of the four targets, the gateway under each of <see cref="GatewayVariants.All"/> next to nginx.</summary>
    public bool Tuning { get; init; }

    /// <summary>With <see cref="Tuning"/>: only these variants (by name), to try one idea quickly.</summary>
    public IReadOnlyList<string>? Variants { get; init; }

    public string? OutputOverride { get; init; }

    public string Output => OutputOverride ?? (Tuning ? "bench/results/gateway-tuning.md" : "bench/results/gateway.md");

    public const string Usage =
        "bash bench/gateway.sh [--tuning [--variants gateway,bare-yarp]] [--rounds 5] [--seconds 10] [--connections 32] [--rate 500] [--startup-samples 5] [--output bench/results/gateway.md]";

    public static GatewayBenchOptions Parse(string[] args)
    {
        var options = new GatewayBenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--tuning")
            {
                options = options with { Tuning = true };
                i--;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.{Environment.NewLine}{Usage}");
            options = args[i] switch
            {
                "--rounds" => options with { Rounds = Positive(args[i], value) },
                "--seconds" => options with { Seconds = Positive(args[i], value) },
                "--connections" => options with { Connections = Positive(args[i], value) },
                "--rate" => options with { Rate = Positive(args[i], value) },
                "--startup-samples" => options with { StartupSamples = Positive(args[i], value) },
                "--output" => options with { OutputOverride = value },
                "--variants" => options with { Variants = KnownVariants(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}.{Environment.NewLine}{Usage}"),
            };
        }

        return options;
    }

    public string CommandLine() =>
        (Tuning ? "--tuning " : "") + (Variants is null ? "" : $"--variants {string.Join(',', Variants)} ") + $"--rounds {Rounds} --seconds {Seconds} --connections {Connections} --rate {Rate} --startup-samples {StartupSamples}";

    private static string[] KnownVariants(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(name => GatewayVariants.All.All(v => v.Name != name)).ToList();
        return unknown.Count == 0 && names.Length > 0
            ? names
            : throw new ArgumentException($"--variants takes names from: {string.Join(", ", GatewayVariants.All.Select(v => v.Name))}; got '{value}'.");
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a positive whole number; got '{value}'.");
}

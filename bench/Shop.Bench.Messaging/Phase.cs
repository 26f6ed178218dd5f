using System.Globalization;

namespace Shop.Bench.Messaging;

/// <summary>
/// An offered load: a burst (every event offered at once, taken by <see cref="BurstConcurrency"/> concurrent
/// offers) or a fixed rate (an open-loop schedule: event i is due at i / rate seconds, whether or not the side kept up).
/// </summary>
public sealed record Phase(string Name, int Events, double? Rate)
{
    /// <summary>A burst is handed over by this many concurrent callers, as concurrent requests of an application would.</summary>
    public const int BurstConcurrency = 10;

    public bool IsBurst => Rate is null;

    public static Phase Burst(int events) => new($"burst of {events}", events, null);

    public static Phase FixedRate(double rate, TimeSpan duration) =>
        new($"{rate.ToString(CultureInfo.InvariantCulture)}/s for {duration.TotalSeconds:0} s", (int)Math.Round(rate * duration.TotalSeconds), rate);

    /// <summary>When event <paramref name="index"/> is due, from the phase's start.</summary>
    public TimeSpan DueAt(int index) => Rate is { } rate ? TimeSpan.FromSeconds(index / rate) : TimeSpan.Zero;
}

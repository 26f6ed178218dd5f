using Shouldly;

namespace Shop.Messaging.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    public void The_delay_doubles_with_each_attempt(int attempt, int seconds) =>
        Backoff.Delay(attempt, Base, Max, random: 0.5).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void The_delay_is_capped_before_the_spread() => Backoff.Delay(30, Base, Max, random: 0.5).ShouldBe(Max);

    [Fact]
    public void A_huge_attempt_number_does_not_overflow() =>
        Backoff.Delay(int.MaxValue, Base, TimeSpan.FromDays(1), random: 0.5).ShouldBe(TimeSpan.FromDays(1));

    [Theory]
    [InlineData(0, 1.6)]
    [InlineData(1, 2.4)]
    [InlineData(-3, 1.6)]
    [InlineData(7, 2.4)]
    public void The_spread_is_20_percent_either_way(double random, double seconds) =>
        Backoff.Delay(1, Base, Max, random).TotalSeconds.ShouldBe(seconds, tolerance: 0.001);

    [Fact]
    public void A_zero_base_retries_at_once() => Backoff.Delay(4, TimeSpan.Zero, Max, random: 1).ShouldBe(TimeSpan.Zero);

    [Fact]
    public void Random_delays_stay_within_the_spread()
    {
        var delays = Enumerable.Range(0, 1000).Select(_ => Backoff.Delay(3, Base, Max)).ToList();

        delays.ShouldAllBe(d => d >= TimeSpan.FromSeconds(6.4) && d <= TimeSpan.FromSeconds(9.6));
        delays.Distinct().Count().ShouldBeGreaterThan(100, "the spread is random, not one fixed factor");
    }
}

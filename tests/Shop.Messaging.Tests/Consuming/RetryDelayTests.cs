using Shop.Messaging.Consuming;
using Shouldly;

namespace Shop.Messaging.Tests.Consuming;

public sealed class RetryDelayTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    public void The_delay_doubles_with_each_receive(int receiveCount, int seconds) =>
        RetryDelay.For(receiveCount, Base, Max, jitter: 0.5).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void The_delay_is_capped() => RetryDelay.For(30, Base, Max, jitter: 0.5).ShouldBe(Max);

    [Fact]
    public void The_delay_never_exceeds_what_sqs_accepts() =>
        RetryDelay.For(30, Base, TimeSpan.FromDays(2), jitter: 1).ShouldBe(RetryDelay.Maximum);

    [Theory]
    [InlineData(0, 1.6)]
    [InlineData(1, 2.4)]
    public void Jitter_spreads_retries_by_20_percent_either_way(double jitter, double seconds) =>
        RetryDelay.For(1, Base, Max, jitter).TotalSeconds.ShouldBe(seconds, tolerance: 0.001);

    [Fact]
    public void A_zero_base_retries_at_once() => RetryDelay.For(4, TimeSpan.Zero, Max, jitter: 1).ShouldBe(TimeSpan.Zero);
}

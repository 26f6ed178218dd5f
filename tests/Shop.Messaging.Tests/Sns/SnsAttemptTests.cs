using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

/// <summary>The client makes exactly one request per call, bounded by the attempt timeout; retrying is the caller's.</summary>
public sealed class SnsAttemptTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(HttpStatusCode.BadRequest, "Throttling")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter")]
    public async Task An_error_answer_is_thrown_after_one_request(HttpStatusCode status, string code)
    {
        var handler = new StubSnsHandler(_time).AnswerError(status, code).AnswerOk(SnsXml.PublishBatch(["a"]));

        var error = await Should.ThrowAsync<SnsException>(() => Publish(handler));

        error.Code.ShouldBe(code);
        error.StatusCode.ShouldBe(status);
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_network_error_is_thrown_after_one_request()
    {
        var handler = new StubSnsHandler(_time).Throw(new HttpRequestException("Connection refused")).AnswerOk(SnsXml.PublishBatch(["a"]));

        var error = await Should.ThrowAsync<HttpRequestException>(() => Publish(handler));

        error.Message.ShouldBe("Connection refused");
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_request_without_an_answer_times_out_after_the_attempt_timeout()
    {
        var handler = new StubSnsHandler(_time).Hang().AnswerOk(SnsXml.PublishBatch(["a"]));
        var publish = Publish(handler);

        _time.Advance(TestSns.AttemptTimeout - TimeSpan.FromSeconds(1));
        publish.IsCompleted.ShouldBeFalse("the attempt timeout has not passed yet");
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Should.ThrowAsync<TimeoutException>(() => publish);
        error.Message.ShouldContain("PublishBatch");
        error.Message.ShouldContain("30 s");
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_request_as_a_cancellation()
    {
        var handler = new StubSnsHandler(_time).Hang();
        using var caller = new CancellationTokenSource();

        var publish = TestSns.Client(handler, _time).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", "body")], caller.Token);
        await caller.CancelAsync();

        var error = await Should.ThrowAsync<OperationCanceledException>(() => publish);
        error.ShouldNotBeOfType<TimeoutException>();
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Each_request_is_signed_with_the_time_it_is_sent()
    {
        var handler = new StubSnsHandler(_time).AnswerOk(SnsXml.PublishBatch(["a"])).AnswerOk(SnsXml.PublishBatch(["a"]));
        await Publish(handler);
        _time.Advance(TimeSpan.FromMinutes(3));
        await Publish(handler);

        foreach (var request in handler.Requests)
        {
            request.Headers["X-Amz-Date"].ShouldBe(request.SentAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }

        handler.Requests.Select(request => request.Headers["Authorization"]).Distinct().Count().ShouldBe(2);
    }

    private Task<SnsBatchResult> Publish(StubSnsHandler handler) =>
        TestSns.Client(handler, _time).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", "body")], Cancellation);
}

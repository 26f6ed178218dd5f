using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

public sealed class SnsRetryTests
{
    private static readonly SnsMessage Message = new("body", new Dictionary<string, string> { ["type"] = "OrderPlaced" });
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retries_a_503_and_a_throttling_answer_then_returns_the_result()
    {
        var handler = new StubSnsHandler(_time)
            .AnswerError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")
            .AnswerError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded")
            .AnswerOk(SnsXml.Publish("m-1"));

        var messageId = await _time.RunUntilDoneAsync(Publish(handler), Step);

        messageId.ShouldBe("m-1");
        handler.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.BadGateway, "BadGateway")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    [InlineData(HttpStatusCode.BadRequest, "Throttling")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottledException")]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded")]
    [InlineData(HttpStatusCode.BadRequest, "TooManyRequestsException")]
    public async Task Throttling_and_server_errors_are_retried(HttpStatusCode status, string code)
    {
        var handler = new StubSnsHandler(_time).AnswerError(status, code).AnswerOk(SnsXml.Publish("m-1"));

        (await _time.RunUntilDoneAsync(Publish(handler), Step)).ShouldBe("m-1");

        handler.Requests.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationError")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    public async Task Client_errors_other_than_throttling_are_not_retried(HttpStatusCode status, string code)
    {
        var handler = new StubSnsHandler(_time).AnswerError(status, code).AnswerOk(SnsXml.Publish("m-1"));

        var error = await Should.ThrowAsync<SnsException>(() => _time.RunUntilDoneAsync(Publish(handler), Step));

        error.Code.ShouldBe(code);
        error.Attempts.ShouldBe(1);
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Gives_up_after_the_maximum_attempts_with_an_SnsException_naming_the_code()
    {
        var handler = new StubSnsHandler(_time);
        for (var i = 0; i < 4; i++)
        {
            handler.AnswerError(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded");
        }

        var error = await Should.ThrowAsync<SnsException>(() => _time.RunUntilDoneAsync(Publish(handler, TestSns.FastRetries(maxAttempts: 4)), Step));

        handler.Requests.Count.ShouldBe(4);
        error.Code.ShouldBe("Throttling");
        error.Attempts.ShouldBe(4);
        error.Message.ShouldBe("SNS Publish failed after 4 attempts: 400 Throttling: Rate exceeded (request id req-err)");
    }

    [Fact]
    public async Task Network_errors_are_retried()
    {
        var handler = new StubSnsHandler(_time)
            .Throw(new HttpRequestException("Connection refused"))
            .AnswerOk(SnsXml.Publish("m-1"));

        (await _time.RunUntilDoneAsync(Publish(handler), Step)).ShouldBe("m-1");
    }

    [Fact]
    public async Task A_network_error_on_every_attempt_rethrows_the_last_one()
    {
        var handler = new StubSnsHandler(_time)
            .Throw(new HttpRequestException("Connection refused"))
            .Throw(new HttpRequestException("Connection reset"));

        var error = await Should.ThrowAsync<HttpRequestException>(() => _time.RunUntilDoneAsync(Publish(handler, TestSns.FastRetries(maxAttempts: 2)), Step));

        error.Message.ShouldBe("Connection reset");
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_times_out_and_is_retried()
    {
        var handler = new StubSnsHandler(_time).Hang().AnswerOk(SnsXml.Publish("m-1"));

        (await _time.RunUntilDoneAsync(Publish(handler), TimeSpan.FromSeconds(1))).ShouldBe("m-1");

        handler.Requests.Count.ShouldBe(2);
        (handler.Requests[1].SentAt - handler.Requests[0].SentAt).ShouldBeGreaterThanOrEqualTo(TestSns.FastRetries().AttemptTimeout);
    }

    [Fact]
    public async Task Timing_out_on_every_attempt_throws_a_TimeoutException()
    {
        var handler = new StubSnsHandler(_time).Hang().Hang();

        var error = await Should.ThrowAsync<TimeoutException>(
            () => _time.RunUntilDoneAsync(Publish(handler, TestSns.FastRetries(maxAttempts: 2)), TimeSpan.FromSeconds(1)));

        error.Message.ShouldContain("Publish");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        var handler = new StubSnsHandler(_time).Hang().AnswerOk(SnsXml.Publish("m-1"));
        using var caller = new CancellationTokenSource();

        var publish = TestSns.Client(handler, _time).PublishAsync(TestSns.TopicArn, Message, caller.Token);
        await caller.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => publish);
        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Each_attempt_is_signed_anew_with_the_time_it_is_sent()
    {
        var handler = new StubSnsHandler(_time)
            .AnswerError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")
            .AnswerError(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")
            .AnswerOk(SnsXml.Publish("m-1"));

        // Steps of a whole second: X-Amz-Date has second precision.
        await _time.RunUntilDoneAsync(Publish(handler), TimeSpan.FromSeconds(1));

        foreach (var request in handler.Requests)
        {
            request.Headers["X-Amz-Date"].ShouldBe(request.SentAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        }

        handler.Requests.Select(request => request.Headers["Authorization"]).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Delays_between_attempts_stay_under_the_capped_exponential_ceiling()
    {
        var retry = new SnsRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };
        var handler = new StubSnsHandler(_time);
        for (var i = 0; i < 5; i++)
        {
            handler.AnswerError(HttpStatusCode.InternalServerError, "InternalError");
        }

        await Should.ThrowAsync<SnsException>(() => _time.RunUntilDoneAsync(Publish(handler, retry), Step));

        var gaps = handler.Requests.Zip(handler.Requests.Skip(1), (first, next) => next.SentAt - first.SentAt).ToList();
        gaps.Count.ShouldBe(4);
        for (var retryNumber = 1; retryNumber <= gaps.Count; retryNumber++)
        {
            gaps[retryNumber - 1].ShouldBeLessThanOrEqualTo(retry.BackoffCeiling(retryNumber) + Step);
        }
    }

    [Fact]
    public void Backoff_ceiling_doubles_from_the_base_delay_up_to_the_maximum()
    {
        var retry = new SnsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5) };

        Enumerable.Range(1, 8).Select(n => retry.BackoffCeiling(n).TotalMilliseconds).ShouldBe([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    }

    [Fact]
    public void Retry_options_name_the_setting_that_is_out_of_range()
    {
        new SnsRetryOptions().Problems().ShouldBeEmpty();
        new SnsRetryOptions { MaxAttempts = 0 }.Problems().ShouldHaveSingleItem().ShouldContain("MaxAttempts");
        new SnsRetryOptions { BaseDelay = TimeSpan.FromSeconds(10) }.Problems().ShouldHaveSingleItem().ShouldContain("MaxDelay");
    }

    private Task<string> Publish(StubSnsHandler handler, SnsRetryOptions? retry = null) =>
        TestSns.Client(handler, _time, retry).PublishAsync(TestSns.TopicArn, Message, Cancellation);
}

using System.Net;
using Amazon.Runtime;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests;

public sealed class TransientFailureTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(HttpStatusCode.BadGateway, "BadGateway")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    [InlineData(HttpStatusCode.BadRequest, "Throttling")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottledException")]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded")]
    public void Throttling_and_server_errors_are_transient(HttpStatusCode status, string code)
    {
        TransientFailure.Is(new SnsException("PublishBatch", status, code, "stubbed", null)).ShouldBeTrue();
        TransientFailure.Is(new AmazonServiceException("stubbed", ErrorType.Unknown, code, "req", status)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationError")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    public void Other_client_errors_are_not_transient(HttpStatusCode status, string code)
    {
        TransientFailure.Is(new SnsException("PublishBatch", status, code, "stubbed", null)).ShouldBeFalse();
        TransientFailure.Is(new AmazonServiceException("stubbed", ErrorType.Sender, code, "req", status)).ShouldBeFalse();
    }

    [Fact]
    public void Network_errors_and_timeouts_are_transient()
    {
        TransientFailure.Is(new HttpRequestException("Connection refused")).ShouldBeTrue();
        TransientFailure.Is(new TimeoutException("no answer")).ShouldBeTrue();
        TransientFailure.Is(new AmazonServiceException("wrapped", new HttpRequestException("Connection refused"))).ShouldBeTrue();
    }

    [Fact]
    public void Programming_errors_and_cancellation_are_not_transient()
    {
        TransientFailure.Is(new InvalidOperationException()).ShouldBeFalse();
        TransientFailure.Is(new OperationCanceledException()).ShouldBeFalse();
    }
}

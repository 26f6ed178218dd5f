using System.Net;
using Amazon.Runtime;
using Shop.Messaging.Sns;

namespace Shop.Messaging;

/// <summary>Failures of an AWS call worth another attempt: throttling, server errors, network errors and timeouts.</summary>
public static class TransientFailure
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
    };

    public static bool Is(Exception exception) => exception switch
    {
        SnsException sns => IsTransient(sns.StatusCode, sns.Code),
        AmazonServiceException aws when aws.InnerException is HttpRequestException => true,
        AmazonServiceException aws => IsTransient(aws.StatusCode, aws.ErrorCode),
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500 || (code is not null && ThrottlingCodes.Contains(code));
}

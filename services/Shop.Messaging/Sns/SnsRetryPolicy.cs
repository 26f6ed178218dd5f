using System.Net;

namespace Shop.Messaging.Sns;

/// <summary>Which failures are worth another attempt: throttling, server errors, network errors and timeouts.</summary>
internal static class SnsRetryPolicy
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
    };

    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        SnsException sns => sns.StatusCode == HttpStatusCode.TooManyRequests
            || (int)sns.StatusCode >= 500
            || ThrottlingCodes.Contains(sns.Code),
        HttpRequestException or TimeoutException => true,
        // HttpClient.Timeout, not the caller giving up.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };
}

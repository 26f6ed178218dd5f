using System.Net;

namespace Shop.Messaging.Sns;

/// <summary>SNS answered with an error: its HTTP status, error code (e.g. InvalidParameter, NotFound, Throttling) and message.</summary>
public sealed class SnsException : Exception
{
    public SnsException(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId, int attempts = 1)
        : base(Describe(action, statusCode, code, errorMessage, requestId, attempts))
    {
        Action = action;
        StatusCode = statusCode;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        Attempts = attempts;
    }

    /// <summary>The SNS API action, e.g. Publish.</summary>
    public string Action { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>SNS's error code; when the body was no SNS error document, the HTTP status name (e.g. BadGateway).</summary>
    public string Code { get; }

    /// <summary>SNS's own message, without the action and code.</summary>
    public string ErrorMessage { get; }

    public string? RequestId { get; }

    /// <summary>How many requests were sent, retries included, before giving up.</summary>
    public int Attempts { get; }

    private static string Describe(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId, int attempts)
    {
        var afterRetries = attempts > 1 ? $" after {attempts} attempts" : "";
        var request = requestId is null ? "" : $" (request id {requestId})";
        return $"SNS {action} failed{afterRetries}: {(int)statusCode} {code}: {errorMessage}{request}";
    }
}

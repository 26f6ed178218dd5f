using System.Net;

namespace Shop.Messaging.Sns;

/// <summary>SNS answered with an error: its HTTP status, error code (e.g. InvalidParameter, NotFound, Throttling) and message.</summary>
public sealed class SnsException : Exception
{
    public SnsException(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId)
        : base(Describe(action, statusCode, code, errorMessage, requestId))
    {
        Action = action;
        StatusCode = statusCode;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>The SNS API action, e.g. Publish.</summary>
    public string Action { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>SNS's error code; when the body was no SNS error document, the HTTP status name (e.g. BadGateway).</summary>
    public string Code { get; }

    /// <summary>SNS's own message, without the action and code.</summary>
    public string ErrorMessage { get; }

    public string? RequestId { get; }

    private static string Describe(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId)
    {
        var request = requestId is null ? "" : $" (request id {requestId})";
        return $"SNS {action} failed: {(int)statusCode} {code}: {errorMessage}{request}";
    }
}

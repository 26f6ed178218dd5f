using System.Net;

namespace Shop.Messaging.Sns;

/// <summary>
/// SNS answered with an error: its HTTP status and error code (e.g. InvalidParameter, NotFound, Throttling), which
/// decide whether another attempt may succeed (<see cref="TransientFailure"/>); the message also names the action,
/// SNS's own message and the request id.
/// </summary>
public sealed class SnsException : Exception
{
    public SnsException(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId)
        : base(Describe(action, statusCode, code, errorMessage, requestId))
    {
        StatusCode = statusCode;
        Code = code;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>SNS's error code; when the body was no SNS error document, the HTTP status name (e.g. BadGateway).</summary>
    public string Code { get; }

    private static string Describe(string action, HttpStatusCode statusCode, string code, string errorMessage, string? requestId)
    {
        var request = requestId is null ? "" : $" (request id {requestId})";
        return $"SNS {action} failed: {(int)statusCode} {code}: {errorMessage}{request}";
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Shop.Gateway.Edge;

/// <summary>
/// <c>X-Request-Id</c>: the caller's when well formed (1..128 of <c>A-Za-z0-9._:-</c>), else a new one; sent on to the
/// service, echoed in the response, in every log entry's scope and on the request's span.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header];
        var id = incoming.Count == 1 && WellFormed().IsMatch(incoming[0]!) ? incoming[0]! : Guid.NewGuid().ToString("N");
        context.Request.Headers[Header] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("http.request.header.x-request-id", id);

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
        {
            await next(context);
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._:-]{1,128}\z")]
    private static partial Regex WellFormed();
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults.Errors;

/// <summary>
/// The last writer of ProblemDetails: for a client whose <c>Accept</c> names no JSON type (a browser's
/// <c>text/html</c>, or a value that does not parse), where ASP.NET Core's own writer declines and the error would
/// become a 500. Errors are still problem+json: HTTP lets a server answer outside Accept rather than fail.
/// </summary>
public sealed class ProblemJsonForAnyAccept(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Status ??= http.Response.StatusCode;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(
            context.ProblemDetails, context.ProblemDetails.GetType(), json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}

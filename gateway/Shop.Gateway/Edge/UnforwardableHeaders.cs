using Microsoft.AspNetCore.Mvc;

namespace Shop.Gateway.Edge;

/// <summary>
/// A request whose header values are not printable ASCII (control characters, or bytes Kestrel read as Latin-1) gets
/// 400 naming the header: the proxy's HTTP client would refuse to send such a value on, and answer 502 instead.
/// </summary>
public sealed class UnforwardableHeaders(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, values) in context.Request.Headers)
        {
            if (values.Any(value => value is not null && !IsPrintableAscii(value)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problemDetails.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]>
                    {
                        [name] = [$"The {name} header must be printable ASCII: no control characters, nothing beyond 0x7E."],
                    })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request could not be processed.",
                    },
                });
                return;
            }
        }

        await next(context);
    }

    private static bool IsPrintableAscii(string value) => value.All(c => c is '\t' or (>= ' ' and <= '~'));
}

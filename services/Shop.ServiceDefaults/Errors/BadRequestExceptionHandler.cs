using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Shop.ServiceDefaults.Errors;

/// <summary>
/// Answers request-binding failures with a 400 (or the status the framework chose, e.g. 415) ValidationProblem
/// whose <c>errors</c> name the offending field (<see cref="BindingFailure"/>): the route/query parameter, or the
/// JSON path inside the body.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = BindingFailure.Describe(httpContext, badRequest);
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode == StatusCodes.Status400BadRequest
                ? "One or more validation errors occurred."
                : "The request could not be processed.",
        };

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}

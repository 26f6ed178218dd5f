using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Shop.ServiceDefaults.Errors;

/// <summary>
/// Answers request-binding failures with a 400 (or the status the framework chose, e.g. 415) ValidationProblem
/// whose <c>errors</c> name the offending field: the route/query parameter, or the JSON path inside the body.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = Describe(badRequest);
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

    /// <summary>Names the field a binding failure is about, from what ASP.NET Core's parameter binder reports.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return string.IsNullOrEmpty(json.Path) || json.Path == "$"
                ? ("body", "The request body is not valid JSON.")
                : (json.Path.TrimStart('$', '.'), $"{json.Path.TrimStart('$', '.')} has the wrong JSON type or format.");
        }

        if (exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "A JSON request body is required.");
        }

        var match = ParameterPattern().Match(exception.Message);
        if (!match.Success)
        {
            return ("request", exception.Message);
        }

        var name = match.Groups["name"].Value;
        return match.Groups["value"].Success
            ? (name, $"The value '{match.Groups["value"].Value}' is not a valid {FriendlyType(match.Groups["type"].Value)}.")
            : (name, $"The {name} parameter is required.");
    }

    private static string FriendlyType(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" => "integer",
        "decimal" or "double" or "float" => "number",
        "Guid" => "identifier (UUID)",
        "bool" => "boolean",
        var other => other,
    };

    // e.g. Failed to bind parameter "int id" from "abc".  /  Required parameter "int page" was not provided from query string.
    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial Regex ParameterPattern();
}

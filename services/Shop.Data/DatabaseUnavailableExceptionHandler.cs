using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Shop.Data;

/// <summary>
/// Answers a request that failed because the database could not be reached or would take no more connections with a
/// 503 ProblemDetails and <c>Retry-After</c>, not a 500: nothing was changed (the transaction did not commit) and the
/// same request can simply be sent again.
/// </summary>
/// <remarks>
/// ProblemDetails comes from the request's services, not the constructor: a host without HTTP (a worker, a test host)
/// that registers a DbContext gets this handler too, and has no ProblemDetails service to build it with.
/// </remarks>
public sealed class DatabaseUnavailableExceptionHandler : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service's database is unavailable",
                Detail = "Nothing was changed. Send the same request again shortly.",
            },
        });
    }

    /// <summary>A connection failure, or the server refusing or ending connections (SQLSTATE classes 08, 53 and 57P), anywhere in the chain.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}

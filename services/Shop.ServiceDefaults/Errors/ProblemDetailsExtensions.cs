using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.ServiceDefaults.Errors;

public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddShopProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();

        // Binding failures (a non-numeric id, a body that is not JSON) become exceptions so that
        // BadRequestExceptionHandler can answer them with a ProblemDetails naming the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Every error response becomes a ProblemDetails: exceptions through the exception handlers, bare status codes
    /// (401, 404, 405...) through status code pages. A 415, which the framework answers without an exception, names
    /// the body.
    /// </summary>
    public static IApplicationBuilder UseShopProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusCodeProblemAsync);
        return app;
    }

    private static async Task WriteStatusCodeProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = status == StatusCodes.Status415UnsupportedMediaType
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["The request body must be JSON (Content-Type: application/json)."] })
            {
                Title = "The request could not be processed.",
            }
            : new ProblemDetails();
        problem.Status = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

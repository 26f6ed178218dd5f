using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace Shop.Gateway.Edge;

public static class EdgeMiddleware
{
    public static IServiceCollection AddEdge(this IServiceCollection services)
    {
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // A route's "Timeout" (or the default) cancels the proxied call; TimedOutAsGatewayTimeout turns that into a 504.
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<EdgeOptions>>((options, edge) =>
            options.DefaultPolicy = new RequestTimeoutPolicy { Timeout = edge.Value.DefaultTimeout });

        // Closed unless Cors:AllowedOrigins lists origins.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
            if (origins.Length > 0)
            {
                options.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod());
            }
        });
        return services;
    }

    /// <summary>
    /// Request ids, security headers on every response, no <c>Server</c> header (ours or a service's), 400 for header
    /// values that cannot be forwarded, the body size limit, CORS.
    /// </summary>
    public static WebApplication UseEdgeHygiene(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseMiddleware<UnforwardableHeaders>();
        app.UseMiddleware<BodySizeLimit>();
        app.UseCors();
        return app;
    }

    /// <summary>
    /// In the proxy pipeline: YARP answers a call its route's timeout cancelled as if the client had gone (400);
    /// the client is still there and is owed a 504.
    /// </summary>
    public static async Task TimedOutAsGatewayTimeout(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true
            && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults.Auth;
using Shop.ServiceDefaults.Errors;
using Shop.ServiceDefaults.Health;
using Shop.ServiceDefaults.OpenApi;
using Shop.ServiceDefaults.Telemetry;

namespace Shop.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every service and the gateway share: telemetry, health, ProblemDetails, auth, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddShopTelemetry();
        builder.Services.AddShopHealthChecks();
        builder.Services.AddShopProblemDetails();
        // A body naming a field twice is refused (400), not read as its last value: what a proxy or a validator in
        // front of us saw as the field and what we apply cannot then differ.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowDuplicateProperties = false);
        builder.AddShopAuthentication();
        builder.Services.AddShopOpenApi(builder.Environment.ApplicationName, $"The {builder.ServiceName()} API.");
        return builder;
    }

    /// <summary>The middleware every service and the gateway run: errors as ProblemDetails, authentication, authorization.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseShopProblemDetails();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The endpoints every service and the gateway have: <c>/health/live</c>, <c>/health/ready</c>, <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapShopHealthChecks();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}

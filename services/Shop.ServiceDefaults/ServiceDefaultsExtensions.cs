using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults.Auth;
using Shop.ServiceDefaults.Errors;
using Shop.ServiceDefaults.Health;
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
        builder.AddShopAuthentication();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapShopHealthChecks();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.ServiceDefaults.Health;

public static class HealthExtensions
{
    /// <summary>Checks tagged with this answer <c>/health/live</c>; every check answers <c>/health/ready</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// How long one dependency check may take: a probe (Kubernetes, ECS, the --probe mode) should hear "not ready"
    /// quickly rather than time out while a database connection attempt hangs.
    /// </summary>
    public static readonly TimeSpan DependencyTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddShopHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // After every registration (messaging adds its own): a check with a timeout answers within it, whatever it awaits.
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Timeout > TimeSpan.Zero))
            {
                var create = registration.Factory;
                var timeout = registration.Timeout;
                registration.Factory = provider => new TimeBoundHealthCheck(create(provider), timeout);
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapShopHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous().DisableHttpMetrics();

        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous().DisableHttpMetrics();

        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

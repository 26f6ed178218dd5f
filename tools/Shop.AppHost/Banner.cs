using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.AppHost;

public static class BannerExtensions
{
    /// <summary>Once the gateway is ready, logs where it is and tokens to call it with.</summary>
    public static IResourceBuilder<ProjectResource> WithBanner(this IResourceBuilder<ProjectResource> gateway, DevelopmentAuth auth)
    {
        gateway.OnResourceReady((resource, ready, _) =>
        {
            var url = resource.GetEndpoint("http").Url;
            var tokens = auth.Tokens;
            ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shop").LogInformation(
                """
                The shop is running at {Gateway}

                  curl '{Gateway}/api/catalog/products?pageSize=5'

                Tokens valid for 8 hours (admin: role admin; customer: subject customer-1):
                  export ADMIN_TOKEN={AdminToken}
                  export CUSTOMER_TOKEN={CustomerToken}
                  curl -H "Authorization: Bearer $ADMIN_TOKEN" {Gateway}/api/catalog/products

                Telemetry, logs and every resource: the dashboard (login link above). Press Ctrl+C to stop.
                """,
                url,
                url,
                tokens.CreateToken("admin", "admin"),
                tokens.CreateToken("customer-1", "customer"),
                url);
            return Task.CompletedTask;
        });
        return gateway;
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.AppHost;

public static class BannerExtensions
{
    /// <summary>Once the gateway is ready, logs where it is, how to get a token from its development issuer, and two tokens.</summary>
    public static IResourceBuilder<ProjectResource> WithBanner(this IResourceBuilder<ProjectResource> gateway)
    {
        gateway.OnResourceReady(async (resource, ready, cancellationToken) =>
        {
            var url = resource.GetEndpoint("http").Url;
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var admin = await TokenAsync(http, """{"sub":"admin","roles":["admin"]}""", cancellationToken);
            var customer = await TokenAsync(http, """{"sub":"customer-1","roles":["customer"]}""", cancellationToken);
            ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shop").LogInformation(
                """
                The shop is running at {Gateway}

                  curl '{Gateway}/api/catalog/products?pageSize=5'

                A token from the gateway's development issuer (roles optional; valid until the gateway stops):
                  curl -X POST {Gateway}/dev/token -H 'Content-Type: application/json' -d '{{"sub":"alice","roles":["admin"]}}'

                Two ready-made ones:
                  export ADMIN_TOKEN={AdminToken}
                  export CUSTOMER_TOKEN={CustomerToken}
                  curl -H "Authorization: Bearer $ADMIN_TOKEN" {Gateway}/api/catalog/products

                Telemetry, logs and every resource: the dashboard (login link above). Press Ctrl+C to stop.
                """,
                url,
                url,
                url,
                admin,
                customer,
                url);
        });
        return gateway;
    }

    private static async Task<string> TokenAsync(HttpClient http, string body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("/dev/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return token.GetProperty("access_token").GetString()!;
    }
}

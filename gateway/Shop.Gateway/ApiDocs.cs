using Scalar.AspNetCore;

namespace Shop.Gateway;

/// <summary>
/// The API reference at <c>/docs</c> (Scalar): the gateway's own document (its development token issuer) and every
/// service's, one per cluster, each read through the gateway at <c>/openapi/{service}.json</c>.
/// </summary>
public static class ApiDocs
{
    public const string Path = "/docs";

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        var services = app.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(cluster => cluster.Key).ToList();
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Shop API");
            options.AddDocument("v1", "gateway", "/openapi/v1.json");
            foreach (var service in services)
            {
                options.AddDocument(service, service, $"/openapi/{service}.json", isDefault: service == services[0]);
            }

            options.AddPreferredSecuritySchemes(["Bearer"]);
        }).AllowAnonymous();
        return app;
    }
}

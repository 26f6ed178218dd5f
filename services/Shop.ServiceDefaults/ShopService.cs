using Microsoft.AspNetCore.Builder;
using Shop.ServiceDefaults.Health;

namespace Shop.ServiceDefaults;

/// <summary>A service's whole Program: the health probe mode, the defaults, its own parts, its endpoints.</summary>
public static class ShopService
{
    /// <param name="addParts">Registers what is the service's own (its database, messaging, options).</param>
    /// <param name="mapEndpoints">Maps its API.</param>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder> addParts, Action<WebApplication> mapEndpoints)
    {
        if (HealthProbe.IsRequested(args))
        {
            return await HealthProbe.RunAsync(args);
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        addParts(builder);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        mapEndpoints(app);
        await app.RunAsync();
        return 0;
    }
}

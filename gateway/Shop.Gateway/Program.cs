using Shop.Gateway;
using Shop.Gateway.DevIssuer;
using Shop.Gateway.Edge;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Errors;
using Shop.ServiceDefaults.Health;
using Yarp.ReverseProxy.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDevIssuer();
builder.Services.AddShopForwardedHeaders();
builder.Services.AddShopRateLimiting();
builder.Services.AddEdge();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.WebHost.UseInlineIoWhenRequested();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
builder.Services.AddSingleton<IPassiveHealthCheckPolicy, ErrorRateHealthPolicy>();

var app = builder.Build();
app.UseShopProblemDetails();
app.UseShopForwardedHeaders();
app.UseEdgeHygiene();
app.UseAuthentication();
// After authentication, so that a signed-in caller is limited by subject; before authorization, so that
// unauthenticated callers hammering protected routes are limited too.
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestTimeouts();
app.MapDefaultEndpoints();
app.MapDevIssuer();
app.MapApiDocs();
app.MapReverseProxy(proxy =>
{
    proxy.Use(EdgeMiddleware.TimedOutAsGatewayTimeout);
    proxy.Use(SafeRetry.RetryElsewhere);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
await app.RunAsync();
return 0;

using Shop.Gateway.DevIssuer;
using Shop.Gateway.Edge;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Errors;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDevIssuer();
builder.Services.AddShopForwardedHeaders();
builder.Services.AddShopRateLimiting();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseShopProblemDetails();
app.UseShopForwardedHeaders();
app.UseAuthentication();
// After authentication, so that a signed-in caller is limited by subject; before authorization, so that
// unauthenticated callers hammering protected routes are limited too.
app.UseRateLimiter();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapDevIssuer();
app.MapReverseProxy();
await app.RunAsync();
return 0;

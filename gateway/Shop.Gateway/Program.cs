using Shop.Gateway.DevIssuer;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDevIssuer();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDevIssuer();
app.MapReverseProxy();
await app.RunAsync();
return 0;

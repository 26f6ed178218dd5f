using Shop.Ordering;
using Shop.Ordering.Apis;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrdering();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOrdersApi();
await app.RunAsync();
return 0;

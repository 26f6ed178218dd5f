using Shop.Catalog.Apis;
using Shop.Catalog.Extensions;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogData();
builder.AddCatalogStock();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapProductsApi();
await app.RunAsync();
return 0;

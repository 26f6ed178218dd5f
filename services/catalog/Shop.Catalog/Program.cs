using Shop.Catalog.Apis;
using Shop.Catalog.Extensions;
using Shop.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogData();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapProductsApi();
app.Run();

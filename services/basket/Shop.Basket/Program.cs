using Shop.Basket;
using Shop.Basket.Apis;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBasket();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapBasketApi();
await app.RunAsync();
return 0;

using Shop.Payment;
using Shop.Payment.Apis;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPayment();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapPaymentsApi();
await app.RunAsync();
return 0;

using Shop.Notification;
using Shop.Notification.Apis;
using Shop.ServiceDefaults;
using Shop.ServiceDefaults.Health;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotification();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNotificationsApi();
await app.RunAsync();
return 0;

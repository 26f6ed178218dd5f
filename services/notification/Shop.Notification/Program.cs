using Shop.Notification;
using Shop.Notification.Apis;
using Shop.ServiceDefaults;

return await ShopService.RunAsync(args, builder => builder.AddNotification(), app => app.MapNotificationsApi());

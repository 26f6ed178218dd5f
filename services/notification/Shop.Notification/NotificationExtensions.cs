using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Notification.Data;
using Shop.Notification.Handlers;
using Shop.Data;

namespace Shop.Notification;

public static class NotificationExtensions
{
    public static IHostApplicationBuilder AddNotification(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<NotificationDbContext>("Notification");
        builder.AddMessaging<NotificationDbContext>(ShopTopology.Notification)
            .AddHandler<OrderConfirmed, OrderConfirmedHandler>()
            .AddHandler<OrderCancelled, OrderCancelledHandler>();
        builder.Services.AddScoped<NotificationWriter>();
        return builder;
    }
}

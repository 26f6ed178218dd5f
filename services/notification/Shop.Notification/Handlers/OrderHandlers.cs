using Shop.Contracts.Events;
using Shop.Messaging.Consuming;
using Shop.Notification.Domain;

namespace Shop.Notification.Handlers;

public sealed class OrderConfirmedHandler(NotificationWriter notifications) : IEventHandler<OrderConfirmed>
{
    public Task HandleAsync(OrderConfirmed @event, MessageContext context, CancellationToken cancellationToken) =>
        notifications.WriteAsync(@event.OrderId, @event.CustomerId, context.Type, Messages.For(@event), cancellationToken);
}

public sealed class OrderCancelledHandler(NotificationWriter notifications) : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled @event, MessageContext context, CancellationToken cancellationToken) =>
        notifications.WriteAsync(@event.OrderId, @event.CustomerId, context.Type, Messages.For(@event), cancellationToken);
}

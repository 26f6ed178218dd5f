using Shop.Contracts.Events;
using Shop.Messaging.Consuming;

namespace Shop.Ordering.Handlers;

public sealed class StockReservedHandler(OrderEventApplier orders) : IEventHandler<StockReserved>
{
    public Task HandleAsync(StockReserved @event, MessageContext context, CancellationToken cancellationToken) =>
        orders.ApplyAsync(@event.OrderId, context.Type, (order, now) => order.StockReserved(@event.Lines, now), cancellationToken);
}

public sealed class StockRejectedHandler(OrderEventApplier orders) : IEventHandler<StockRejected>
{
    public Task HandleAsync(StockRejected @event, MessageContext context, CancellationToken cancellationToken) =>
        orders.ApplyAsync(@event.OrderId, context.Type, (order, now) => order.StockRejected(now), cancellationToken);
}

public sealed class PaymentSucceededHandler(OrderEventApplier orders) : IEventHandler<PaymentSucceeded>
{
    public Task HandleAsync(PaymentSucceeded @event, MessageContext context, CancellationToken cancellationToken) =>
        orders.ApplyAsync(@event.OrderId, context.Type, (order, now) => order.PaymentSucceeded(@event.PaymentId, now), cancellationToken);
}

public sealed class PaymentFailedHandler(OrderEventApplier orders) : IEventHandler<PaymentFailed>
{
    public Task HandleAsync(PaymentFailed @event, MessageContext context, CancellationToken cancellationToken) =>
        orders.ApplyAsync(@event.OrderId, context.Type, (order, now) => order.PaymentFailed(now), cancellationToken);
}

using Shop.Basket.Data;
using Shop.Contracts.Events;
using Shop.Messaging.Consuming;
using Shop.Messaging.DynamoDb;

namespace Shop.Basket.Handlers;

/// <summary>
/// Takes what a customer ordered out of their basket, in the same DynamoDB transaction as the inbox record. The
/// write is conditional on the basket's version, so a change the customer made meanwhile fails the transaction and
/// the redelivery works on the new basket: an item added meanwhile survives.
/// </summary>
public sealed class OrderPlacedHandler(BasketStore baskets, DynamoWrites writes) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
    {
        var basket = await baskets.GetAsync(@event.CustomerId, cancellationToken);
        if (basket.Subtract(@event.Lines.Select(l => (l.ProductId, l.Quantity))))
        {
            writes.Add(new() { Put = baskets.PutOf(basket) });
        }
    }
}

using Shop.Contracts.Events;

namespace Shop.Ordering.Domain;

/// <summary>
/// An order and its state machine. The methods below are the only way its state changes; each answers what it did,
/// and is safe to call with a duplicate or late event (it then changes nothing, or only records what arrived).
/// </summary>
public sealed class Order
{
    private readonly List<OrderItem> _items = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The customer: the JWT <c>sub</c> of whoever placed it.</summary>
    public string CustomerId { get; private set; } = "";

    public string IdempotencyKey { get; private set; } = "";

    /// <summary>SHA-256 of the request that created the order, to tell a replay from a different request with the same key.</summary>
    public string RequestHash { get; private set; } = "";

    public OrderStatus Status { get; private set; }

    public IReadOnlyList<OrderItem> Items => _items;

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    public decimal? Total { get; private set; }

    public string? Currency { get; private set; }

    public string? CancellationReason { get; private set; }

    public Guid? PaymentId { get; private set; }

    /// <summary>A payment that succeeded after the order was cancelled; payment refunds it when it sees OrderCancelled.</summary>
    public Guid? LatePaymentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Order Place(
        Guid id, string customerId, string idempotencyKey, string requestHash, IEnumerable<OrderItem> items, ShippingAddress address, DateTimeOffset now)
    {
        var order = new Order
        {
            Id = id,
            CustomerId = customerId,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            Status = OrderStatus.Pending,
            ShippingAddress = address,
            CreatedAt = now,
            UpdatedAt = now,
        };
        order._items.AddRange(items);
        return order;
    }

    public OrderPlaced Placed() => new(Id, CustomerId, [.. _items.Select(i => new OrderLine(i.ProductId, i.Quantity))]);

    public OrderChange StockReserved(IReadOnlyList<ReservedLine> lines, DateTimeOffset now)
    {
        if (Status != OrderStatus.Pending)
        {
            return OrderChange.Ignored($"stock reserved while {Status}: nothing to do (catalog releases it on OrderCancelled)");
        }

        if (!MatchesItems(lines))
        {
            throw new InvalidOperationException($"StockReserved for order {Id} does not list the order's products and quantities.");
        }

        if (lines.Select(l => l.Currency).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            return Cancel(CancellationReasons.MixedCurrencies, now);
        }

        foreach (var item in _items)
        {
            var line = lines.Single(l => l.ProductId == item.ProductId);
            item.Price(line.Name, line.UnitPrice);
        }

        Total = _items.Sum(i => i.UnitPrice!.Value * i.Quantity);
        Currency = lines[0].Currency;
        MoveTo(OrderStatus.AwaitingPayment, now);
        return OrderChange.Transition(new PaymentRequested(Id, CustomerId, Total.Value, Currency), "stock reserved: awaiting payment");
    }

    public OrderChange StockRejected(DateTimeOffset now) =>
        Status == OrderStatus.Pending
            ? Cancel(CancellationReasons.OutOfStock, now)
            : OrderChange.Ignored($"stock rejected while {Status}: nothing to do");

    public OrderChange PaymentSucceeded(Guid paymentId, DateTimeOffset now)
    {
        switch (Status)
        {
            case OrderStatus.AwaitingPayment:
                PaymentId = paymentId;
                MoveTo(OrderStatus.Confirmed, now);
                return OrderChange.Transition(new OrderConfirmed(Id, CustomerId, Total!.Value, Currency!), "paid: confirmed");
            case OrderStatus.Cancelled when LatePaymentId is null:
                LatePaymentId = paymentId;
                UpdatedAt = now;
                return OrderChange.Recorded($"payment {paymentId} succeeded after the order was cancelled ({CancellationReason}); payment refunds it");
            default:
                return OrderChange.Ignored($"payment succeeded while {Status}: a duplicate");
        }
    }

    public OrderChange PaymentFailed(DateTimeOffset now) =>
        Status == OrderStatus.AwaitingPayment
            ? Cancel(CancellationReasons.PaymentDeclined, now)
            : OrderChange.Ignored($"payment failed while {Status}: nothing to do");

    /// <summary>The customer's cancel: allowed until the order is paid.</summary>
    public OrderChange CancelByCustomer(DateTimeOffset now) => Status switch
    {
        OrderStatus.Pending or OrderStatus.AwaitingPayment => Cancel(CancellationReasons.Customer, now),
        OrderStatus.Cancelled => OrderChange.Ignored("already cancelled"),
        _ => throw new OrderAlreadyPaidException(Id),
    };

    /// <summary>The sweeper's cancel of an order that made no progress in time.</summary>
    public OrderChange TimeOut(DateTimeOffset now) =>
        Status is OrderStatus.Pending or OrderStatus.AwaitingPayment
            ? Cancel(CancellationReasons.Timeout, now)
            : OrderChange.Ignored($"{Status}: not timed out");

    private OrderChange Cancel(string reason, DateTimeOffset now)
    {
        CancellationReason = reason;
        MoveTo(OrderStatus.Cancelled, now);
        return OrderChange.Transition(new OrderCancelled(Id, CustomerId, reason), $"cancelled: {reason}");
    }

    private void MoveTo(OrderStatus status, DateTimeOffset now)
    {
        Status = status;
        UpdatedAt = now;
    }

    private bool MatchesItems(IReadOnlyList<ReservedLine> lines) =>
        lines.Count == _items.Count
        && _items.All(item => lines.Count(l => l.ProductId == item.ProductId && l.Quantity == item.Quantity) == 1);
}

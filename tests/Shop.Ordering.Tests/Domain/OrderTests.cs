using Shop.Contracts.Events;
using Shop.Ordering.Domain;
using Shouldly;

namespace Shop.Ordering.Tests.Domain;

public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid PaymentId = Guid.NewGuid();

    [Fact]
    public void Placing_an_order_makes_it_pending_and_says_what_to_reserve()
    {
        var order = NewOrder();

        order.Status.ShouldBe(OrderStatus.Pending);
        order.Placed().Lines.ShouldBe([new OrderLine(21, 2), new OrderLine(7, 1)]);
        order.Total.ShouldBeNull();
    }

    [Fact]
    public void Reserved_stock_prices_the_order_from_catalog_and_requests_payment()
    {
        var order = NewOrder();

        var change = order.StockReserved(Reserved(), Now.AddSeconds(1));

        order.Status.ShouldBe(OrderStatus.AwaitingPayment);
        order.Total.ShouldBe(2 * 9.50m + 4.25m);
        order.Currency.ShouldBe("USD");
        order.Items.Single(i => i.ProductId == 21).Name.ShouldBe("Espresso beans");
        change.Publish.ShouldBe(new PaymentRequested(order.Id, "alice", 23.25m, "USD"));
        order.UpdatedAt.ShouldBe(Now.AddSeconds(1));
    }

    [Fact]
    public void A_payment_confirms_an_order_awaiting_it_once()
    {
        var order = AwaitingPayment();

        order.PaymentSucceeded(PaymentId, Now).Publish.ShouldBe(new OrderConfirmed(order.Id, "alice", 23.25m, "USD"));
        var duplicate = order.PaymentSucceeded(PaymentId, Now);

        order.Status.ShouldBe(OrderStatus.Confirmed);
        order.PaymentId.ShouldBe(PaymentId);
        duplicate.Kind.ShouldBe(OrderChangeKind.Ignored);
        duplicate.Publish.ShouldBeNull();
    }

    [Fact]
    public void Rejected_stock_cancels_a_pending_order_and_nothing_else()
    {
        var pending = NewOrder();
        pending.StockRejected(Now).Publish.ShouldBe(new OrderCancelled(pending.Id, "alice", CancellationReasons.OutOfStock));
        pending.CancellationReason.ShouldBe("out-of-stock");

        var awaiting = AwaitingPayment();
        awaiting.StockRejected(Now).Kind.ShouldBe(OrderChangeKind.Ignored);
        awaiting.Status.ShouldBe(OrderStatus.AwaitingPayment);
    }

    [Fact]
    public void A_failed_payment_cancels_the_order_so_catalog_releases_its_stock()
    {
        var order = AwaitingPayment();

        order.PaymentFailed(Now).Publish.ShouldBe(new OrderCancelled(order.Id, "alice", CancellationReasons.PaymentDeclined));

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.PaymentFailed(Now).Kind.ShouldBe(OrderChangeKind.Ignored);
    }

    [Fact]
    public void A_payment_for_a_cancelled_order_is_recorded_but_never_confirms_it()
    {
        var order = AwaitingPayment();
        order.CancelByCustomer(Now);

        var change = order.PaymentSucceeded(PaymentId, Now.AddSeconds(5));

        change.Kind.ShouldBe(OrderChangeKind.Recorded);
        change.Publish.ShouldBeNull();
        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.LatePaymentId.ShouldBe(PaymentId);
        order.PaymentId.ShouldBeNull();
        order.PaymentSucceeded(PaymentId, Now).Kind.ShouldBe(OrderChangeKind.Ignored);
    }

    [Fact]
    public void Stock_reserved_after_a_cancellation_changes_nothing()
    {
        var order = NewOrder();
        order.CancelByCustomer(Now);

        order.StockReserved(Reserved(), Now).Kind.ShouldBe(OrderChangeKind.Ignored);

        order.Status.ShouldBe(OrderStatus.Cancelled);
        order.Total.ShouldBeNull();
    }

    [Fact]
    public void A_customer_may_cancel_until_the_order_is_paid()
    {
        NewOrder().CancelByCustomer(Now).Publish.ShouldBeOfType<OrderCancelled>().Reason.ShouldBe("customer");
        AwaitingPayment().CancelByCustomer(Now).Publish.ShouldBeOfType<OrderCancelled>();

        var cancelled = NewOrder();
        cancelled.CancelByCustomer(Now);
        cancelled.CancelByCustomer(Now).Kind.ShouldBe(OrderChangeKind.Ignored);

        var confirmed = AwaitingPayment();
        confirmed.PaymentSucceeded(PaymentId, Now);
        Should.Throw<OrderAlreadyPaidException>(() => confirmed.CancelByCustomer(Now));
        confirmed.Status.ShouldBe(OrderStatus.Confirmed);
    }

    [Fact]
    public void Only_unfinished_orders_time_out()
    {
        NewOrder().TimeOut(Now).Publish.ShouldBeOfType<OrderCancelled>().Reason.ShouldBe("timeout");
        AwaitingPayment().TimeOut(Now).Publish.ShouldBeOfType<OrderCancelled>().Reason.ShouldBe("timeout");

        var confirmed = AwaitingPayment();
        confirmed.PaymentSucceeded(PaymentId, Now);
        confirmed.TimeOut(Now).Kind.ShouldBe(OrderChangeKind.Ignored);
        confirmed.Status.ShouldBe(OrderStatus.Confirmed);
    }

    [Fact]
    public void Lines_in_different_currencies_cancel_the_order_instead_of_adding_them_up()
    {
        var order = NewOrder();

        var change = order.StockReserved([new(21, "Espresso beans", 2, 9.50m, "USD"), new(7, "Filter papers", 1, 4.25m, "EUR")], Now);

        change.Publish.ShouldBeOfType<OrderCancelled>().Reason.ShouldBe(CancellationReasons.MixedCurrencies);
        order.Total.ShouldBeNull();
    }

    [Fact]
    public void A_reservation_that_does_not_match_the_order_is_refused()
    {
        var order = NewOrder();

        Should.Throw<InvalidOperationException>(() => order.StockReserved([new(21, "Espresso beans", 3, 9.50m, "USD"), new(7, "Filter papers", 1, 4.25m, "USD")], Now));

        order.Status.ShouldBe(OrderStatus.Pending);
    }

    private static Order NewOrder() => Order.Place(
        Guid.NewGuid(), "alice", "key-1", new string('0', 64), [new OrderItem(21, 2), new OrderItem(7, 1)], new ShippingAddress("1 Main St", "Springfield", "12345", "US"), Now);

    private static Order AwaitingPayment()
    {
        var order = NewOrder();
        order.StockReserved(Reserved(), Now);
        return order;
    }

    private static List<ReservedLine> Reserved() => [new(7, "Filter papers", 1, 4.25m, "USD"), new(21, "Espresso beans", 2, 9.50m, "USD")];
}

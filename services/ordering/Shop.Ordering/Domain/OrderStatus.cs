namespace Shop.Ordering.Domain;

public enum OrderStatus
{
    /// <summary>Placed; catalog has not yet answered whether the stock is there.</summary>
    Pending,

    /// <summary>Stock reserved and priced; payment has been asked to charge the total.</summary>
    AwaitingPayment,

    /// <summary>Paid. Final.</summary>
    Confirmed,

    /// <summary>Ended without fulfilment (see the cancellation reason). Final.</summary>
    Cancelled,
}

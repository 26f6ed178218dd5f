using System.Diagnostics.Metrics;

namespace Shop.Ordering;

public sealed class OrderingMetrics
{
    public const string MeterName = "Shop.Ordering";

    public OrderingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        LatePayments = meter.CreateCounter<long>(
            "shop.ordering.late_payments", description: "Payments that succeeded for orders already cancelled; payment refunds each.");
        TimedOut = meter.CreateCounter<long>("shop.ordering.timed_out", description: "Orders the sweeper cancelled for making no progress.");
    }

    /// <summary>The alert for money taken on a cancelled order: each is refunded, but an operator should see them.</summary>
    public Counter<long> LatePayments { get; }

    public Counter<long> TimedOut { get; }
}

using System.ComponentModel.DataAnnotations;

namespace Shop.Ordering.Sweeping;

public sealed class OrderingOptions
{
    public const string Section = "Ordering";

    /// <summary>An order still Pending or AwaitingPayment this long after its last change is cancelled (reason <c>timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweeper looks for such orders.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders cancelled per transaction.</summary>
    [Range(1, 1000)]
    public int SweepBatchSize { get; set; } = 100;
}

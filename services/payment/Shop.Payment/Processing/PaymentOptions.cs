using System.ComponentModel.DataAnnotations;

namespace Shop.Payment.Processing;

/// <summary>How the simulated card processor behaves (section <c>Payment</c>).</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payment";

    /// <summary>Charges of more than this amount are declined (<c>amount-above-limit</c>), whatever the currency.</summary>
    [Range(typeof(decimal), "0.01", "1000000000")]
    public decimal DeclineAbove { get; set; } = 10_000m;

    /// <summary>The share of charge attempts that fail as if the processor were unreachable (0 to 1): exercises retries and the DLQ.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>How long each charge attempt takes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}

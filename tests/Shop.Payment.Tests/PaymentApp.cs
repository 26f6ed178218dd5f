using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Shop.Contracts.Topology;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]

namespace Shop.Payment.Tests;

/// <summary>
/// The payment service in-process, declining charges above 100. Ordering's queue is provisioned too (not consumed),
/// so a test reads payment's answers as ordering would receive them.
/// </summary>
public class PaymentApp(PostgresFixture postgres, MotoFixture moto) : ServiceApp<Program>(postgres, moto, "Payment")
{
    public const decimal DeclineAbove = 100m;

    /// <summary>The share of charge attempts the simulated processor fails.</summary>
    protected virtual double FailureRate => 0;

    protected override void Configure(IWebHostBuilder web) => web
        .UseSetting("Payment:DeclineAbove", DeclineAbove.ToString(CultureInfo.InvariantCulture))
        .UseSetting("Payment:FailureRate", FailureRate.ToString(CultureInfo.InvariantCulture));

    protected override IReadOnlyList<ServiceTopology> OtherServicesQueues => [ShopTopology.Ordering];
}

/// <summary>Payment whose processor fails a quarter of all charge attempts.</summary>
public sealed class FlakyPaymentApp(PostgresFixture postgres, MotoFixture moto) : PaymentApp(postgres, moto)
{
    protected override double FailureRate => 0.25;
}

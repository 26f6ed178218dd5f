using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Shop.Contracts.Topology;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]

namespace Shop.Ordering.Tests;

/// <summary>
/// The ordering service in-process. Catalog's, payment's and notification's queues are provisioned too (not consumed), so a test
/// reads what ordering published as those services would receive it, and sends their replies through Queues.
/// </summary>
public class OrderingApp(PostgresFixture postgres, MotoFixture moto) : ServiceApp<Program>(postgres, moto, "Ordering")
{
    /// <summary>How long an order may stall before the sweeper (run every half second) cancels it.</summary>
    protected virtual TimeSpan OrderTimeout => TimeSpan.FromHours(1);

    protected override void Configure(IWebHostBuilder web) => web
        .UseSetting("Ordering:OrderTimeout", OrderTimeout.ToString("c", CultureInfo.InvariantCulture))
        .UseSetting("Ordering:SweepInterval", "00:00:00.500");

    protected override IReadOnlyList<ServiceTopology> OtherServicesQueues =>
        [ShopTopology.Catalog, ShopTopology.Payment, ShopTopology.Notification];
}

/// <summary>Ordering with orders that time out after 2 seconds, for the sweeper's tests.</summary>
public sealed class StallingOrderingApp(PostgresFixture postgres, MotoFixture moto) : OrderingApp(postgres, moto)
{
    protected override TimeSpan OrderTimeout => TimeSpan.FromSeconds(2);
}

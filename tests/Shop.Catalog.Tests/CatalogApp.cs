using Shop.Contracts.Topology;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]

namespace Shop.Catalog.Tests;

/// <summary>
/// The catalog service in-process over its own fresh, migrated and seeded PostgreSQL database. Ordering's queue is
/// provisioned too (not consumed), so a test reads catalog's answers as ordering would receive them.
/// </summary>
public sealed class CatalogApp(PostgresFixture postgres, MotoFixture moto) : ServiceApp<Program>(postgres, moto, "Catalog")
{
    protected override IReadOnlyList<ServiceTopology> OtherServicesQueues => [ShopTopology.Ordering];
}

namespace Shop.TestSupport;

public enum PostgresSource
{
    /// <summary>The server in SHOP_TEST_POSTGRES.</summary>
    EnvironmentVariable,

    /// <summary>A postgres:17 container started by Testcontainers.</summary>
    Testcontainers,

    /// <summary>A throwaway server from the local PostgreSQL binaries (tools/Shop.LocalServers).</summary>
    LocalPostgres,
}

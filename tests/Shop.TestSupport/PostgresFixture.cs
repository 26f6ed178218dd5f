using System.Text.RegularExpressions;
using Shop.LocalServers;
using Testcontainers.PostgreSql;
using Xunit;

namespace Shop.TestSupport;

/// <summary>
/// A PostgreSQL server for a test class or collection. Taken from, in order: SHOP_TEST_POSTGRES (a connection
/// string), a postgres:17 container when a Docker engine answers, or a throwaway local server.
/// Each test gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "SHOP_TEST_POSTGRES";
    public const string ContainerImage = "postgres:17";

    private readonly List<string> _createdDatabases = [];
    private PostgreSqlContainer? _container;
    private LocalPostgres? _localPostgres;

    /// <summary>Where the fixture reads environment variables; the process environment unless a test says otherwise.</summary>
    public Func<string, string?> ReadVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Host, port and credentials of the server; the Database in it is irrelevant.</summary>
    public string ConnectionString { get; private set; } = "";

    public PostgresSource Source { get; private set; }

    /// <summary>Which server is used and why, for test output.</summary>
    public string Description { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (ReadVariable(ConnectionVariable) is { Length: > 0 } connectionString)
        {
            Use(PostgresSource.EnvironmentVariable, connectionString, $"PostgreSQL from {ConnectionVariable}");
        }
        else if (await DockerEngine.AnswersAsync())
        {
            await StartContainerAsync();
        }
        else
        {
            await StartLocalAsync("no Docker engine answered");
        }

        TestContext.Current.SendDiagnosticMessage("PostgresFixture: {0}", Description);
    }

    /// <summary>Creates a database named after <paramref name="prefix"/> plus a unique suffix; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix);
        await PostgresAdmin.CreateDatabaseAsync(ConnectionString, name, TestContext.Current.CancellationToken);
        lock (_createdDatabases)
        {
            _createdDatabases.Add(name);
        }

        return PostgresAdmin.ForDatabase(ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Source == PostgresSource.EnvironmentVariable)
        {
            // A shared server outlives us: leave it as we found it.
            foreach (var name in _createdDatabases)
            {
                await PostgresAdmin.DropDatabaseAsync(ConnectionString, name);
            }
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_localPostgres is not null)
        {
            await _localPostgres.DisposeAsync();
        }
    }

    private async Task StartContainerAsync()
    {
        var container = new PostgreSqlBuilder(ContainerImage).Build();
        try
        {
            await container.StartAsync();
        }
        catch (Exception e) when (LocalPostgres.IsAvailable())
        {
            // E.g. the image cannot be pulled: local binaries still give a real server.
            await container.DisposeAsync();
            await StartLocalAsync($"Testcontainers failed: {e.Message}");
            return;
        }

        _container = container;
        Use(PostgresSource.Testcontainers, container.GetConnectionString(), $"PostgreSQL in a {ContainerImage} container (Testcontainers)");
    }

    private async Task StartLocalAsync(string reason)
    {
        _localPostgres = await LocalPostgres.StartAsync();
        Use(PostgresSource.LocalPostgres, _localPostgres.BaseConnectionString, $"throwaway local PostgreSQL on port {_localPostgres.Port} ({reason})");
    }

    private void Use(PostgresSource source, string connectionString, string description)
    {
        Source = source;
        ConnectionString = connectionString;
        Description = description;
    }

    private static string UniqueName(string prefix)
    {
        var safePrefix = NotIdentifierCharacters().Replace(prefix.ToLowerInvariant(), "_");
        var suffix = Guid.NewGuid().ToString("N")[..12];
        // PostgreSQL truncates identifiers at 63 bytes.
        return $"{safePrefix[..Math.Min(safePrefix.Length, 50)]}_{suffix}";
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotIdentifierCharacters();
}

using Npgsql;

namespace Shop.Data;

/// <summary>
/// Creates a service's database when it is missing, from the server's maintenance database. EF Core can create it
/// too, but it finds out by failing to connect first and logs that as an error on every first start.
/// </summary>
internal static class DatabaseCreation
{
    private const string DuplicateDatabase = "42P04";

    /// <returns>Whether this call created the database.</returns>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = target.Database } },
        };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return false;
        }

        var name = new NpgsqlCommandBuilder().QuoteIdentifier(target.Database!);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another replica created it in the meantime.
            return false;
        }
    }
}

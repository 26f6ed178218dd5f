using Npgsql;

namespace Shop.LocalServers;

/// <summary>Server-level chores on any PostgreSQL, given a connection string without (or with any) Database.</summary>
public static class PostgresAdmin
{
    private const string DuplicateDatabase = "42P04";

    public static string ForDatabase(string baseConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates the database unless it exists; safe to call concurrently.</summary>
    public static async Task CreateDatabaseAsync(string baseConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMaintenanceConnectionAsync(baseConnectionString, cancellationToken);

        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Someone else created it between our check and our create.
        }
    }

    /// <summary>Drops the database if it exists, closing any connections to it.</summary>
    public static async Task DropDatabaseAsync(string baseConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMaintenanceConnectionAsync(baseConnectionString, cancellationToken);
        await using var drop = new NpgsqlCommand($"drop database if exists {QuoteIdentifier(name)} with (force)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs <c>select 1</c> against the <c>postgres</c> database.</summary>
    public static async Task PingAsync(string baseConnectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenMaintenanceConnectionAsync(baseConnectionString, cancellationToken);
        await using var ping = new NpgsqlCommand("select 1", connection);
        await ping.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(string baseConnectionString, CancellationToken cancellationToken)
    {
        // No pooling: idle pooled connections would linger on the server (and block DROP DATABASE).
        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

using Npgsql;
using Shop.TestSupport;

namespace Shop.LocalServers.Tests;

public sealed class PostgresFixtureTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Each_created_database_is_new_and_separate()
    {
        output.WriteLine($"PostgreSQL: {postgres.Description}");

        var first = await postgres.CreateDatabaseAsync("fixture");
        var second = await postgres.CreateDatabaseAsync("fixture");

        await Execute(first, "create table marker (id int)");
        (await TableExists(second, "marker")).ShouldBeFalse();
        (await TableExists(first, "marker")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_named_in_the_environment_variable_is_used_and_left_as_it_was_found()
    {
        var given = postgres.ConnectionString;
        var fixture = new PostgresFixture { ReadVariable = name => name == PostgresFixture.ConnectionVariable ? given : null };
        string created;
        try
        {
            await fixture.InitializeAsync();
            fixture.Source.ShouldBe(PostgresSource.EnvironmentVariable);
            fixture.ConnectionString.ShouldBe(given);
            created = await fixture.CreateDatabaseAsync("borrowed");
            await Execute(created, "create table marker (id int)");
        }
        finally
        {
            // Also when an assertion fails: a fixture that started a server of its own must stop it.
            await fixture.DisposeAsync();
        }

        (await DatabaseExistsAsync(new NpgsqlConnectionStringBuilder(created).Database!)).ShouldBeFalse("the fixture drops what it created on a shared server");
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select exists (select 1 from pg_database where datname = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<bool> TableExists(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select to_regclass($1) is not null", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

using Npgsql;
using Shop.TestSupport;

namespace Shop.LocalRunner.Tests;

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
    public void Source_is_the_environment_variable_when_it_is_set_else_a_started_server()
    {
        var expectEnvironment = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresFixture.ConnectionVariable));

        (postgres.Source == PostgresSource.EnvironmentVariable).ShouldBe(expectEnvironment);
        postgres.Description.ShouldNotBeNullOrEmpty();
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
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

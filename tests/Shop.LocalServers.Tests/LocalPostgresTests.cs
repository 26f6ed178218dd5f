using System.Net.Sockets;
using Npgsql;

namespace Shop.LocalServers.Tests;

public sealed class LocalPostgresTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Started_server_answers_queries()
    {
        await using var postgres = await StartAsync();

        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync(Cancellation);
        await using var query = new NpgsqlCommand("select 1", connection);

        (await query.ExecuteScalarAsync(Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task Server_listens_on_loopback_at_its_port()
    {
        await using var postgres = await StartAsync();

        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync(Cancellation);
        await using var query = new NpgsqlCommand("select current_setting('listen_addresses') || ':' || current_setting('port')", connection);

        (await query.ExecuteScalarAsync(Cancellation)).ShouldBe($"127.0.0.1:{postgres.Port}");
    }

    [Fact]
    public async Task Creating_a_database_twice_succeeds_and_the_database_accepts_connections()
    {
        await using var postgres = await StartAsync();

        await postgres.CreateDatabaseAsync("catalog", Cancellation);
        await postgres.CreateDatabaseAsync("catalog", Cancellation);

        await using var connection = new NpgsqlConnection(postgres.ConnectionString("catalog"));
        await connection.OpenAsync(Cancellation);
        connection.Database.ShouldBe("catalog");
    }

    [Fact]
    public async Task Disposing_stops_the_server_and_removes_its_data_directory()
    {
        var postgres = await StartAsync();
        Directory.Exists(postgres.DataDirectory).ShouldBeTrue();

        await postgres.DisposeAsync();

        Directory.Exists(postgres.DataDirectory).ShouldBeFalse();
        using var client = new TcpClient();
        await Should.ThrowAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", postgres.Port, Cancellation).AsTask());
    }

    [Fact]
    public async Task Data_directory_is_under_the_temp_folder()
    {
        await using var postgres = await StartAsync();

        postgres.DataDirectory.ShouldStartWith(Path.Combine(Path.GetTempPath(), "shop-pg-"));
    }

    private static Task<LocalPostgres> StartAsync()
    {
        Assert.SkipUnless(LocalPostgres.IsAvailable(), "PostgreSQL server binaries (initdb, pg_ctl) are not installed.");
        return LocalPostgres.StartAsync(Cancellation);
    }
}

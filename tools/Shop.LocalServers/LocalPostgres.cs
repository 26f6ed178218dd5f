using System.Globalization;
using Npgsql;

namespace Shop.LocalServers;

/// <summary>
/// A throwaway PostgreSQL server in a temporary directory, listening on 127.0.0.1 only,
/// tuned for speed over durability. Disposing stops it and deletes the directory.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly string _binDirectory;
    private bool _started;
    private bool _disposed;

    private LocalPostgres(string binDirectory, string dataDirectory)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
    }

    /// <summary>The cluster's data directory; it also holds the server log and the Unix socket.</summary>
    public string DataDirectory { get; }

    public string LogFile => Path.Combine(DataDirectory, "postgres.log");

    public int Port { get; private set; }

    /// <summary>Host, port and user, without a Database.</summary>
    public string BaseConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres" }.ConnectionString;

    public static bool IsAvailable() => PostgresBinaries.FindDirectory() is not null;

    public static async Task<LocalPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = PostgresBinaries.FindDirectory()
            ?? throw new InvalidOperationException(
                "PostgreSQL server tools (initdb, pg_ctl) were found neither on PATH nor in /usr/lib/postgresql/*/bin.");

        // initdb creates the directory itself, so under root it belongs to the postgres user from the start.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "shop-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new LocalPostgres(binDirectory, dataDirectory);
        try
        {
            await InitializeClusterAsync(binDirectory, dataDirectory, cancellationToken);
            await server.StartServerAsync(cancellationToken);
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) => PostgresAdmin.ForDatabase(BaseConnectionString, database);

    /// <summary>Creates the database unless it already exists.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        PostgresAdmin.CreateDatabaseAsync(BaseConnectionString, name, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_started)
            {
                await StopServerAsync();
            }
        }
        finally
        {
            await DeleteDataDirectoryAsync();
        }
    }

    /// <summary>
    /// Creates a cluster in <paramref name="dataDirectory"/> (which must not exist yet: initdb creates it, so under
    /// root it belongs to the postgres user) whose superuser <c>postgres</c> connects without a password.
    /// </summary>
    public static async Task InitializeClusterAsync(string binDirectory, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var result = await RunToolAsync(
            PostgresBinaries.Initdb(binDirectory),
            ["-D", dataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--no-locale"],
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }
    }

    /// <summary>
    /// The arguments for the <c>postgres</c> server, but for its port (<c>-p</c>): on 127.0.0.1 only, tuned for speed
    /// over durability, with its Unix socket in the data directory so no write access to /var/run/postgresql is needed.
    /// </summary>
    public static IReadOnlyList<string> ServerArguments(string dataDirectory) =>
    [
        "-D", dataDirectory, "-k", dataDirectory,
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        // One server holds every service's database, and each service's pool grows with its load (an API burst, 20
        // concurrent handlers): PostgreSQL's default of 100 connections runs out under the end-to-end load test.
        "-c", "max_connections=500",
    ];

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        _started = true;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            var result = await RunToolAsync(
                PostgresBinaries.PgCtl(_binDirectory),
                ["-D", DataDirectory, "-o", ServerOptions(), "-l", LogFile, "-w", "-t", "60", "start"],
                cancellationToken);
            if (result.Succeeded)
            {
                return;
            }

            // Another process may have taken the free port between our check and the server's bind.
            if (attempt < 3 && LogTail.Read(LogFile, 30).Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException(
                $"pg_ctl start failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}{LogTailMessage()}");
        }
    }

    // pg_ctl passes -o on to the server through a shell; only the data directory may need quoting.
    private string ServerOptions() =>
        $"-p {Port.ToString(CultureInfo.InvariantCulture)} " +
        string.Join(' ', ServerArguments(DataDirectory).Select(argument => argument == DataDirectory ? $"'{argument}'" : argument));

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var connectionString = new NpgsqlConnectionStringBuilder(BaseConnectionString) { Timeout = 2 }.ConnectionString;
        while (true)
        {
            try
            {
                await PostgresAdmin.PingAsync(connectionString, cancellationToken);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL on port {Port} did not accept connections within {ReadyTimeout.TotalSeconds} s: {e.Message}{LogTailMessage()}", e);
            }
        }
    }

    private async Task StopServerAsync()
    {
        var pgCtl = PostgresBinaries.PgCtl(_binDirectory);
        var fast = await RunToolAsync(pgCtl, ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"], CancellationToken.None);
        if (!fast.Succeeded && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunToolAsync(pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None);
        }
    }

    private static Task<CommandLine.Result> RunToolAsync(string tool, string[] arguments, CancellationToken cancellationToken) =>
        // Path.GetTempPath() as working directory: the postgres user may not be allowed into ours (e.g. /root).
        CommandLine.RunAsPostgresUserAsync(tool, arguments, Path.GetTempPath(), cancellationToken);

    private async Task DeleteDataDirectoryAsync()
    {
        for (var attempt = 1; Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                // A just-stopped server may still be closing files; try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private string LogTailMessage()
    {
        var tail = LogTail.Read(LogFile, 30);
        return tail.Length == 0 ? "" : $"{Environment.NewLine}Last lines of {LogFile}:{Environment.NewLine}{tail}";
    }
}

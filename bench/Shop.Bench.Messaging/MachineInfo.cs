using System.Runtime.InteropServices;
using Shop.Bench;
using Npgsql;
using Shop.LocalServers;

namespace Shop.Bench.Messaging;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(int Processors, string Cpu, string Memory, string OperatingSystem, string Dotnet, string Moto, string Postgres, string LoadAverage)
{
    public static async Task<MachineInfo> ReadAsync(BenchServers servers, CancellationToken cancellationToken) => new(
        Environment.ProcessorCount,
        MachineFacts.Cpu(),
        MachineFacts.TotalMemory(),
        MachineFacts.OperatingSystem(),
        RuntimeInformation.FrameworkDescription,
        await MotoVersionAsync(cancellationToken),
        await PostgresVersionAsync(servers.Postgres.BaseConnectionString, cancellationToken),
        MachineFacts.LoadAverage());

    /// <summary><c>moto_server --version</c> if it knows it; otherwise the installed moto package's version, from the same Python.</summary>
    private static async Task<string> MotoVersionAsync(CancellationToken cancellationToken)
    {
        var server = LocalMoto.FindExecutable() ?? LocalMoto.Executable;
        var direct = await MachineFacts.FirstLineOfAsync(server, ["--version"], cancellationToken);
        if (direct is not null)
        {
            return direct;
        }

        // moto_server is a Python console script (behind a pyenv shim, perhaps): ask the Python that runs it.
        var script = await MachineFacts.FirstLineOfAsync("pyenv", ["which", LocalMoto.Executable], cancellationToken) ?? server;
        var python = PythonOf(script);
        var version = await MachineFacts.FirstLineOfAsync(python ?? "python3", ["-c", "import importlib.metadata as m; print(m.version('moto'))"], cancellationToken);
        return version is null ? "unknown" : $"{version} (the moto package of {python ?? "python3"}; moto_server has no --version)";
    }

    /// <summary>The interpreter in a Python script's <c>#!</c> line, or null.</summary>
    private static string? PythonOf(string script)
    {
        var shebang = File.Exists(script) ? File.ReadLines(script).FirstOrDefault() : null;
        if (shebang is null || !shebang.StartsWith("#!", StringComparison.Ordinal) || !shebang.Contains("python", StringComparison.Ordinal))
        {
            return null;
        }

        // "#!/usr/bin/python3" or "#!/usr/bin/env python3"
        var words = shebang[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[0].EndsWith("/env", StringComparison.Ordinal) && words.Length > 1 ? words[1] : words[0];
    }

    private static async Task<string> PostgresVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("show server_version", connection);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "unknown";
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using Shop.LocalServers;

namespace Shop.Bench.Messaging;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(int Processors, string Cpu, string Memory, string OperatingSystem, string Dotnet, string Moto, string Postgres, string LoadAverage)
{
    public static async Task<MachineInfo> ReadAsync(BenchServers servers, CancellationToken cancellationToken) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        TotalMemory(),
        OperatingSystemName(),
        RuntimeInformation.FrameworkDescription,
        await MotoVersionAsync(cancellationToken),
        await PostgresVersionAsync(servers.Postgres.BaseConnectionString, cancellationToken),
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine competes with both sides for the CPU.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string TotalMemory()
    {
        var kilobytes = FirstValue("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var bytes = long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB";
    }

    private static string OperatingSystemName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return pretty is null ? RuntimeInformation.OSDescription : $"{pretty}, kernel {Environment.OSVersion.Version}";
    }

    /// <summary><c>moto_server --version</c> if it knows it; otherwise the installed moto package's version, from the same Python.</summary>
    private static async Task<string> MotoVersionAsync(CancellationToken cancellationToken)
    {
        var server = LocalMoto.FindExecutable() ?? LocalMoto.Executable;
        var direct = await TryRunAsync(server, ["--version"], cancellationToken);
        if (direct is not null)
        {
            return direct;
        }

        // moto_server is a Python console script (behind a pyenv shim, perhaps): ask the Python that runs it.
        var script = await TryRunAsync("pyenv", ["which", LocalMoto.Executable], cancellationToken) ?? server;
        var python = PythonOf(script);
        var version = await TryRunAsync(python ?? "python3", ["-c", "import importlib.metadata as m; print(m.version('moto'))"], cancellationToken);
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

    private static async Task<string?> TryRunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CommandLine.RunAsync(fileName, arguments, cancellationToken: cancellationToken);
            return result.Succeeded && result.Output.Trim() is { Length: > 0 } output ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }

    private static string? FirstValue(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;
}

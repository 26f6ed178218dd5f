using System.Globalization;
using System.Runtime.InteropServices;
using Shop.LocalServers;

namespace Shop.Bench;

/// <summary>Facts of the machine a benchmark ran on, from /proc and /etc.</summary>
public static class MachineFacts
{
    public static string Cpu() => FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine competes with what is measured.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string TotalMemory()
    {
        var kilobytes = FirstValue("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var bytes = long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB";
    }

    public static string OperatingSystem()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return pretty is null ? RuntimeInformation.OSDescription : $"{pretty}, kernel {Environment.OSVersion.Version}";
    }

    /// <summary>The first line a command prints (stdout or stderr), or null when it fails or is not installed.</summary>
    public static async Task<string?> FirstLineOfAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
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

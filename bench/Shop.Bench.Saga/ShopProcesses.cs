using System.Globalization;

namespace Shop.Bench.Saga;

/// <summary>The processes of a running shop, found by their command lines, so their CPU can be read from /proc.</summary>
public static class ShopProcesses
{
    /// <summary>Component name and how its command line shows it.</summary>
    public static readonly IReadOnlyList<(string Name, string Marker)> Components =
    [
        ("moto", "moto_server"),
        ("postgres", "shop-pg-"), // the data directory the AppHost gives the server
        ("gateway", "Shop.Gateway"),
        ("ordering", "Shop.Ordering"),
        ("catalog", "Shop.Catalog"),
        ("payment", "Shop.Payment"),
        ("basket", "Shop.Basket"),
        ("notification", "Shop.Notification"),
    ];

    /// <summary>The root process of each component (its descendants are counted with it).</summary>
    public static Dictionary<string, int> Find()
    {
        var found = new Dictionary<string, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var commandLine = CommandLine(pid);
            foreach (var (name, marker) in Components)
            {
                // The lowest pid is the component's first process (e.g. the postmaster, not a backend).
                if (commandLine.Contains(marker, StringComparison.Ordinal) && !commandLine.Contains("dotnet run", StringComparison.Ordinal)
                    && (!found.TryGetValue(name, out var earlier) || pid < earlier))
                {
                    found[name] = pid;
                }
            }
        }

        return found;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}

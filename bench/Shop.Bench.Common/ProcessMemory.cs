using System.Globalization;

namespace Shop.Bench;

/// <summary>Resident memory (VmRSS) of a process and its descendants (nginx's workers, say), from /proc.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int processId) =>
        ProcessTreeOf(processId).Sum(pid => ReadRssKilobytes(pid) * 1024);

    private static IEnumerable<int> ProcessTreeOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        return parents.Keys.Where(pid => pid == root || HasAncestor(pid, root, parents));
    }

    private static bool HasAncestor(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var current = pid; parents.TryGetValue(current, out var parent) && parent > 1; current = parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParentOf(int pid) => Field(pid, "PPid:") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static long ReadRssKilobytes(int pid) => Field(pid, "VmRSS:") is { } value ? long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static string? Field(int pid, string name)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim();
        }
        catch (IOException)
        {
            return null; // the process ended
        }
    }
}

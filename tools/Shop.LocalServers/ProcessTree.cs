using System.Globalization;

namespace Shop.LocalServers;

/// <summary>Descendants of a process, read from /proc (Linux); elsewhere none are found.</summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> DescendantsOf(int rootPid)
    {
        if (!Directory.Exists("/proc"))
        {
            return [];
        }

        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var descendants = new List<int>();
        var frontier = new Queue<int>([rootPid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                descendants.Add(child);
                frontier.Enqueue(child);
            }
        }

        return descendants;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ..."; comm may itself contain spaces and ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

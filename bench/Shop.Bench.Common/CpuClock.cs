using System.Globalization;

namespace Shop.Bench;

/// <summary>
/// CPU time (user + system) a process and its descendants have used, from <c>/proc/PID/stat</c>: the live ones' own
/// time plus what their ended children left them (PostgreSQL's backends come and go with connections).
/// </summary>
public static class CpuClock
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux the benchmark runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int processId)
    {
        var ticks = 0L;
        foreach (var (pid, parent, used) in Processes())
        {
            if (pid == processId || IsDescendant(parent, processId))
            {
                ticks += used;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static bool IsDescendant(int parent, int ancestor)
    {
        for (var pid = parent; pid > 1; pid = ParentOf(pid))
        {
            if (pid == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static int ParentOf(int pid) => Read(pid) is { } stat ? stat.Parent : 0;

    private static IEnumerable<(int Pid, int Parent, long Used)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                yield return (pid, stat.Parent, stat.Used);
            }
        }
    }

    private static (int Parent, long Used)? Read(int pid)
    {
        try
        {
            // "pid (comm) state ppid ... utime stime ...": comm may hold spaces, so count fields after its ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var used = fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture)); // utime, stime, cutime, cstime
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), used);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }
}

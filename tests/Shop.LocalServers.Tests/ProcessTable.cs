namespace Shop.LocalServers.Tests;

/// <summary>Reads /proc: whether a pid is a live process (a zombie awaiting its reaper counts as gone).</summary>
internal static class ProcessTable
{
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // Format: "pid (comm) state ..."; comm may itself contain ')'.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }
}

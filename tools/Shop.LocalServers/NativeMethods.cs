using System.Runtime.InteropServices;

namespace Shop.LocalServers;

internal static partial class NativeMethods
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;
}

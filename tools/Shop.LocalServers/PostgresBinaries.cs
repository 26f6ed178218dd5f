namespace Shop.LocalServers;

/// <summary>Finds the PostgreSQL server tools: on PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
public static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? FindDirectory()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        return pathDirectories.Concat(DebianVersionDirectories()).FirstOrDefault(HasServerTools);
    }

    public static string Initdb(string directory) => Path.Combine(directory, "initdb");

    public static string PgCtl(string directory) => Path.Combine(directory, "pg_ctl");

    /// <summary>The server itself, for running it in the foreground.</summary>
    public static string Server(string directory) => Path.Combine(directory, "postgres");

    private static bool HasServerTools(string directory) =>
        File.Exists(Initdb(directory)) && File.Exists(PgCtl(directory));

    private static IEnumerable<string> DebianVersionDirectories() =>
        Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(dir => (dir, version: Version.TryParse(VersionText(Path.GetFileName(dir)), out var v) ? v : null))
                .Where(x => x.version is not null)
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
            : [];

    // Version.TryParse needs at least "major.minor"; Debian names folders "15" or "9.6".
    private static string VersionText(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
}

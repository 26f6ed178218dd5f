namespace Shop.LocalServers;

public static class RepositoryRoot
{
    public const string SolutionFile = "Microservices.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> (default: this program's folder) holding the solution.</summary>
    public static string Find(string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} in {start ?? AppContext.BaseDirectory} or any folder above it.");
    }
}

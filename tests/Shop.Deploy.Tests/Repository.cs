namespace Shop.Deploy.Tests;

public static class Repository
{
    /// <summary>The folder holding Microservices.sln, above the test's output folder.</summary>
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Microservices.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Microservices.sln above {start}.");
    }
}

namespace Shop.LocalServers;

/// <summary>What <see cref="ServiceProcess.Start"/> runs: any command, so tests can use a tiny one.</summary>
public sealed record ServiceProcessStartInfo(string Name, string FileName, string LogFile)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Defaults to the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Added to (or replacing entries of) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Also write every output line to the console, prefixed with the name.</summary>
    public bool EchoToConsole { get; init; }

}

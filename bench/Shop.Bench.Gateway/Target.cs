using Shop.LocalServers;

namespace Shop.Bench.Gateway;

/// <summary>Something the load goes to: the backend itself, or a proxy in front of it. Its process is what is measured.</summary>
public sealed class Target(string name, Uri url, ServiceProcess process, string version) : IAsyncDisposable
{
    public string Name { get; } = name;

    public Uri Url { get; } = url;

    public ServiceProcess Process { get; } = process;

    public string Version { get; } = version;

    /// <summary>Resident memory right after start, before any load.</summary>
    public long IdleResidentBytes { get; set; }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}

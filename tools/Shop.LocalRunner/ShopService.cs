namespace Shop.LocalRunner;

/// <summary>One row of <see cref="ShopServices"/>: a service the runner builds and starts.</summary>
/// <param name="Name">Also the gateway's cluster name and OTEL_SERVICE_NAME.</param>
/// <param name="ProjectPath">Relative to the repository root.</param>
/// <param name="DefaultPort">The fixed local port from ARCHITECTURE.md.</param>
/// <param name="Database">The PostgreSQL database it owns, if any; passed as <c>ConnectionStrings__{Name}</c>.</param>
public sealed record ShopService(string Name, string ProjectPath, int DefaultPort, string? Database = null)
{
    /// <summary>Settings only this service needs, on top of those every service gets.</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    public string DllPath(string repositoryRoot, string configuration) =>
        Path.Combine(
            repositoryRoot,
            Path.GetDirectoryName(ProjectPath)!,
            "bin",
            configuration,
            "net10.0",
            Path.GetFileNameWithoutExtension(ProjectPath) + ".dll");

    /// <summary>"catalog" becomes "Catalog", as in <c>ConnectionStrings__Catalog</c>.</summary>
    public string ConnectionStringName => char.ToUpperInvariant(Name[0]) + Name[1..];
}

public static class ShopServices
{
    public static ShopService Gateway { get; } = new("gateway", "gateway/Shop.Gateway/Shop.Gateway.csproj", 8080);

    /// <summary>Everything behind the gateway, each a cluster of the gateway's reverse proxy.</summary>
    public static IReadOnlyList<ShopService> Backends { get; } =
    [
        new("catalog", "services/catalog/Shop.Catalog/Shop.Catalog.csproj", 5101, Database: "catalog"),
    ];

    public static IEnumerable<ShopService> All => Backends.Append(Gateway);
}

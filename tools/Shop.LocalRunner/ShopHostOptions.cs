namespace Shop.LocalRunner;

public sealed record ShopHostOptions
{
    public const string PostgresVariable = "SHOP_POSTGRES";

    public required string RepositoryRoot { get; init; }

    public string Configuration { get; init; } = "Debug";

    /// <summary>Run <c>dotnet build</c> on every project first; otherwise the dlls must exist already.</summary>
    public bool Build { get; init; } = true;

    /// <summary>Port per service name; a service not listed uses its <see cref="ShopService.DefaultPort"/>.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// A PostgreSQL connection string without Database (the runner adds one per service); when null a throwaway
    /// local server is started. Defaults to the SHOP_POSTGRES environment variable.
    /// </summary>
    public string? ExternalPostgres { get; init; } = NullIfEmpty(Environment.GetEnvironmentVariable(PostgresVariable));

    /// <summary>Where each service's log goes, as <c>{name}.log</c>. Defaults to <c>.shop/logs</c> in the repository.</summary>
    public string? LogDirectory { get; init; }

    public bool EchoServiceOutput { get; init; }

    /// <summary>How long each wave of services (backends, then the gateway) may take to become ready.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Receives one line per step (building, starting, ready); null is silent.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The same options with a free port for every service, so a run cannot collide with another.</summary>
    public ShopHostOptions WithFreePorts()
    {
        var services = ShopServices.All.ToList();
        var ports = FreePort.Next(services.Count);
        return this with { Ports = services.Select((service, i) => (service.Name, Port: ports[i])).ToDictionary() };
    }

    public int PortOf(ShopService service) => Ports.TryGetValue(service.Name, out var port) ? port : service.DefaultPort;

    public string ResolvedLogDirectory => LogDirectory ?? Path.Combine(RepositoryRoot, ".shop", "logs");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

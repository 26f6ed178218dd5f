namespace Shop.LocalRunner;

/// <summary>
/// The whole shop on this machine without Docker: PostgreSQL (throwaway or external), every service, then the gateway.
/// Disposing stops the gateway, then the services, then PostgreSQL; a failed start cleans up what it had started.
/// </summary>
public sealed class ShopHost : IAsyncDisposable
{
    private readonly ShopHostOptions _options;
    private readonly TokenIssuer _tokens = TokenIssuer.WithRandomKey();
    private readonly List<ServiceProcess> _backends = [];
    private ServiceProcess? _gateway;
    private LocalPostgres? _localPostgres;
    private bool _disposed;

    private ShopHost(ShopHostOptions options)
    {
        _options = options;
        GatewayUrl = new Uri($"http://127.0.0.1:{options.PortOf(ShopServices.Gateway)}/");
    }

    public Uri GatewayUrl { get; }

    /// <summary>Base64 of this run's random HS256 key, given to every service as <c>Auth__SigningKey</c>.</summary>
    public string SigningKey => _tokens.SigningKey;

    /// <summary>The PostgreSQL connection string without Database that the services' databases live on.</summary>
    public string PostgresConnectionString { get; private set; } = "";

    public string LogDirectory => _options.ResolvedLogDirectory;

    /// <summary>The running services, the gateway last; e.g. for their <see cref="ServiceProcess.OutputTail"/> when a test fails.</summary>
    public IReadOnlyList<ServiceProcess> Processes => _gateway is null ? _backends : [.. _backends, _gateway];

    public static async Task<ShopHost> StartAsync(ShopHostOptions options, CancellationToken cancellationToken = default)
    {
        var host = new ShopHost(options);
        try
        {
            await host.StartAllAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A token for <paramref name="subject"/> valid for 8 hours that every service of this run accepts.</summary>
    public string CreateToken(string subject, params string[] roles) => _tokens.CreateToken(subject, roles);

    public string CreateToken(string subject, TimeSpan lifetime, params string[] roles) =>
        _tokens.CreateToken(subject, lifetime, roles);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Task.WhenAll(_backends.Select(backend => backend.DisposeAsync().AsTask()));
        if (_localPostgres is not null)
        {
            await _localPostgres.DisposeAsync();
        }
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        if (_options.Build)
        {
            foreach (var service in ShopServices.All)
            {
                await BuildAsync(service, cancellationToken);
            }
        }

        await StartPostgresAsync(cancellationToken);

        foreach (var service in ShopServices.Backends)
        {
            _backends.Add(StartService(service, BackendEnvironment(service)));
        }

        await WaitAllReadyAsync(_backends, ShopServices.Backends, cancellationToken);

        _gateway = StartService(ShopServices.Gateway, GatewayEnvironment());
        await WaitAllReadyAsync([_gateway], [ShopServices.Gateway], cancellationToken);
    }

    private async Task BuildAsync(ShopService service, CancellationToken cancellationToken)
    {
        Report($"Building {service.Name} ({_options.Configuration})");
        var result = await CommandLine.RunAsync(
            "dotnet",
            ["build", Path.Combine(_options.RepositoryRoot, service.ProjectPath), "-c", _options.Configuration, "--nologo", "-v", "q"],
            _options.RepositoryRoot,
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Building {service.ProjectPath} failed:{Environment.NewLine}{result.Output}");
        }
    }

    private async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        if (_options.ExternalPostgres is { } external)
        {
            Report("Using the PostgreSQL given in " + ShopHostOptions.PostgresVariable);
            PostgresConnectionString = external;
        }
        else
        {
            Report("Starting a throwaway PostgreSQL");
            _localPostgres = await LocalPostgres.StartAsync(cancellationToken);
            PostgresConnectionString = _localPostgres.BaseConnectionString;
            Report($"PostgreSQL ready on port {_localPostgres.Port} ({_localPostgres.DataDirectory})");
        }

        foreach (var database in ShopServices.Backends.Select(service => service.Database).OfType<string>())
        {
            await PostgresAdmin.CreateDatabaseAsync(PostgresConnectionString, database, cancellationToken);
        }
    }

    private ServiceProcess StartService(ShopService service, Dictionary<string, string> environment)
    {
        var dll = service.DllPath(_options.RepositoryRoot, _options.Configuration);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} does not exist; build {service.ProjectPath} (or start without --no-build).", dll);
        }

        foreach (var (key, value) in service.ExtraEnvironment)
        {
            environment[key] = value;
        }

        Report($"Starting {service.Name} on {Url(service)}");
        var logFile = Path.Combine(_options.ResolvedLogDirectory, service.Name + ".log");
        return ServiceProcess.Start(
            ServiceProcessStartInfo.ForDotnetDll(service.Name, dll, logFile) with
            {
                Environment = environment,
                EchoToConsole = _options.EchoServiceOutput,
            });
    }

    private async Task WaitAllReadyAsync(IReadOnlyList<ServiceProcess> processes, IReadOnlyList<ShopService> services, CancellationToken cancellationToken)
    {
        // One failure cancels the other waits, so it is reported at once rather than after their timeouts.
        using var firstFailure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(processes.Select(async (process, i) =>
        {
            try
            {
                await process.WaitHealthyAsync(new Uri(Url(services[i]), "health/ready"), _options.StartupTimeout, firstFailure.Token);
                Report($"{services[i].Name} is ready");
            }
            catch
            {
                await firstFailure.CancelAsync();
                throw;
            }
        }));
    }

    private Dictionary<string, string> CommonEnvironment(ShopService service) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = Url(service).ToString().TrimEnd('/'),
        ["OTEL_SERVICE_NAME"] = service.Name,
        ["Auth__SigningKey"] = _tokens.SigningKey,
        ["Auth__Issuer"] = TokenIssuer.Issuer,
        ["Auth__Audience"] = TokenIssuer.Audience,
    };

    private Dictionary<string, string> BackendEnvironment(ShopService service)
    {
        var environment = CommonEnvironment(service);
        if (service.Database is { } database)
        {
            environment[$"ConnectionStrings__{service.ConnectionStringName}"] =
                PostgresAdmin.ForDatabase(PostgresConnectionString, database);
            environment["Database__Migrate"] = "true";
        }

        return environment;
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = CommonEnvironment(ShopServices.Gateway);
        foreach (var backend in ShopServices.Backends)
        {
            environment[$"ReverseProxy__Clusters__{backend.Name}__Destinations__primary__Address"] = Url(backend).ToString();
        }

        return environment;
    }

    private Uri Url(ShopService service) => new($"http://127.0.0.1:{_options.PortOf(service)}/");

    private void Report(string message) => _options.Progress?.Invoke(message);
}

using Shop.Contracts.Topology;

namespace Shop.Deploy.Services;

/// <summary>What a service's container needs to know about the environment it runs in.</summary>
public sealed record EnvironmentFacts(
    DeploySettings Settings,
    string Region,
    string Account,
    string Authority,
    string DatabaseHost,
    string DatabasePort,
    string VpcCidr,
    string? GatewayDnsNamespace)
{
    /// <summary>Service Connect's name, <c>http://catalog:8080/</c>.</summary>
    public static string ServiceConnectAddress(ShopServiceDefinition service) => $"http://{service.Name}:{ShopServices.ContainerPort}/";

    /// <summary>How the gateway reaches <paramref name="service"/>: Service Connect, or DNS where it cannot use Service Connect.</summary>
    public string GatewayAddressOf(ShopServiceDefinition service) => GatewayDnsNamespace is { } dns
        ? $"http://{service.Name}.{dns}:{ShopServices.ContainerPort}/"
        : ServiceConnectAddress(service);
}

/// <summary>
/// The settings each container starts with: the same names as docker-compose.yml and the AppHost use
/// (README "Configuration"), with AWS's values: Cognito as the authority, the topology created by the messaging stack
/// (so no provisioning), Aurora with a login per service, the ADOT collector beside the app.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>The collector sidecar's OTLP/gRPC endpoint: containers of a task share localhost.</summary>
    public const string CollectorEndpoint = "http://localhost:4317";

    /// <summary>Npgsql reads the password from this standard PostgreSQL variable; ECS fills it from the service's secret.</summary>
    public const string PasswordVariable = "PGPASSWORD";

    public static Dictionary<string, string> For(ShopServiceDefinition service, EnvironmentFacts facts)
    {
        var settings = facts.Settings;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_HTTP_PORTS"] = ShopServices.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = CollectorEndpoint,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"deployment.environment.name={settings.Prefix}",
            ["Auth__Authority"] = facts.Authority,
            ["Auth__RoleClaim"] = Identity.IdentityStack.RoleClaim,
            // Every log record reaches CloudWatch through the collector, with its trace id; the console (the task's
            // log group) keeps warnings and errors, which still arrive when the collector cannot take them.
            ["Logging__Console__LogLevel__Default"] = "Warning",
            // The chiseled image has no ICU.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "true",
            // As in docker-compose.yml (README "Memory"): glibc returns what the JIT and other native code free
            // (two arenas, not eight per core; blocks of 64 KiB or more mapped on their own).
            ["MALLOC_ARENA_MAX"] = "2",
            ["MALLOC_MMAP_THRESHOLD_"] = "65536",
        };

        if (service != ShopServices.Gateway)
        {
            // As in docker-compose.yml (README "Memory"): no tiered compilation, workstation GC without the
            // background thread, a small first generation. The gateway keeps tiering for CPU per request.
            environment["DOTNET_TieredCompilation"] = "0";
            environment["DOTNET_gcServer"] = "0";
            environment["DOTNET_gcConcurrent"] = "0";
            environment["DOTNET_GCgen0size"] = "0x400000";
        }

        if (service.UsesAws)
        {
            environment["AWS_REGION"] = facts.Region;
            environment["Messaging__Prefix"] = settings.Prefix;
            environment["Messaging__Provision"] = "false";
            environment["Messaging__AccountId"] = facts.Account;
        }

        if (service.Database is { } database)
        {
            environment[$"ConnectionStrings__{service.ConnectionName}"] =
                $"Host={facts.DatabaseHost};Port={facts.DatabasePort};Database={database};Username={database};SSL Mode=Require";
            environment["Database__Migrate"] = "true";
        }

        if (service == ShopServices.Basket)
        {
            environment["Catalog__BaseUrl"] = EnvironmentFacts.ServiceConnectAddress(ShopServices.Catalog);
        }

        if (service == ShopServices.Gateway)
        {
            foreach (var behind in ShopServices.BehindGateway)
            {
                environment[$"ReverseProxy__Clusters__{behind.Name}__Destinations__primary__Address"] = facts.GatewayAddressOf(behind);
            }

            // The load balancer's X-Forwarded-For is believed: it is the only way in, from inside the VPC.
            environment["ForwardedHeaders__KnownNetworks__0"] = facts.VpcCidr;
        }

        return environment;
    }
}

using Shop.TestSupport;
using Shop.LocalServers;
using System.Data.Common;
using System.Text.Json.Nodes;
using k8s.Models;
using Shop.Contracts.Topology;
using Shop.Kubernetes.Tests.Policy;
using Shop.Kubernetes.Tests.Rendering;
using Shouldly;

namespace Shop.Kubernetes.Tests;

/// <summary>
/// Every overlay names what <see cref="ShopServices"/>, <see cref="ShopTopology"/> and docker-compose.yml name: the
/// services, their port, their queues, topics and tables (with the overlay's <c>Messaging__Prefix</c>), their
/// databases, the gateway's routes, and the settings compose gives each service.
/// </summary>
public sealed class NamesTests
{
    private const string ConnectionStringPrefix = "ConnectionStrings__";
    private const string ClusterPrefix = "ReverseProxy__Clusters__";

    private static readonly ComposeFile Compose = ComposeFile.Load(Path.Combine(RepositoryRoot.Find(), "docker-compose.yml"));

    /// <summary>
    /// Settings docker-compose.yml gives a service that an overlay carries only where it runs the same thing, and why:
    /// true when this overlay must carry it. Every other compose setting of a service must be in its manifests.
    /// </summary>
    private static readonly Dictionary<string, Func<Rendering.Rendering, ShopServiceDefinition, bool>> ComposeOnlyWhere = new(StringComparer.Ordinal)
    {
        // moto's endpoint and the test credentials it takes; on AWS the SDK's own endpoints and the pod's identity
        // (EKS Pod Identity), or an access key from a Secret made by hand (eks-anywhere's <service>-aws).
        ["AWS_ENDPOINT_URL"] = (rendering, _) => RunsMoto(rendering),
        ["AWS_ACCESS_KEY_ID"] = (rendering, _) => RunsMoto(rendering),
        ["AWS_SECRET_ACCESS_KEY"] = (rendering, _) => RunsMoto(rendering),
        // Compose exports to its Aspire dashboard; an overlay without an OpenTelemetry collector exports nothing.
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = (rendering, _) => RunsACollector(rendering),
        // The gateway's development token issuer's audience; Cognito's access tokens carry none (AuthOptions.Audience).
        ["Auth__Audience"] = (rendering, _) => IsDevelopment(rendering),
        // Fault injection for local runs (simulated card processor failures); its default, 0, is production's.
        ["Payment__FailureRate"] = (_, _) => false,
        // README "Memory": the runtime settings are the five services'; the gateway keeps the runtime's defaults (as
        // its ECS task does). Compose gives it the GC ones anyway, through the shared environment anchor.
        ["DOTNET_TieredCompilation"] = (_, service) => service != ShopServices.Gateway,
        ["DOTNET_gcServer"] = (_, service) => service != ShopServices.Gateway,
        ["DOTNET_gcConcurrent"] = (_, service) => service != ShopServices.Gateway,
        ["DOTNET_GCgen0size"] = (_, service) => service != ShopServices.Gateway,
    };

    /// <summary>Settings whose value is the same in every environment: compose's value is the manifests' too.</summary>
    private static bool SameEverywhere(string key) =>
        key is "OTEL_SERVICE_NAME" or "Catalog__BaseUrl" || key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("MALLOC_", StringComparison.Ordinal) || key.StartsWith(ClusterPrefix, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Kustomizations.OverlayData), MemberType = typeof(Kustomizations))]
    public async Task Every_name_matches_the_topology_the_service_list_and_docker_compose(string overlay)
    {
        var rendering = await Kustomizations.RenderAsync(overlay);
        var failures = new List<string>();
        void Fail(string what) => failures.Add($"{overlay}: {what}");

        // The services: every Deployment but those of the dependencies compose pulls (postgres, moto, ...).
        var dependencies = Compose.Services.Values.Where(c => c.BuildProject is null).Select(c => c.Name).ToHashSet();
        var deployments = rendering.Deployments.Where(d => !dependencies.Contains(d.Object.Name)).ToDictionary(d => d.Object.Name, d => d.Deployment);
        foreach (var extra in deployments.Keys.Except(ShopServices.All.Select(s => s.Name)))
        {
            Fail($"Deployment/{extra} is neither a service of ShopServices.All nor a dependency of docker-compose.yml");
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        var settingsByService = new Dictionary<ShopServiceDefinition, ContainerSettings>();
        foreach (var service in ShopServices.All)
        {
            if (!deployments.TryGetValue(service.Name, out var deployment))
            {
                Fail($"no Deployment/{service.Name} (ShopServices.All)");
                continue;
            }

            var container = deployment.Spec.Template.Spec.Containers.FirstOrDefault(c => c.Name == service.Name);
            if (container is null)
            {
                Fail($"Deployment/{service.Name} has no container {service.Name}");
                continue;
            }

            if (container.Ports?.SingleOrDefault(p => p.Name == "http")?.ContainerPort != ShopServices.ContainerPort)
            {
                Fail($"{service.Name}: containerPort http is not ShopServices.ContainerPort ({ShopServices.ContainerPort})");
            }

            var settings = ContainerSettings.Of(rendering, container);
            settingsByService[service] = settings;
            if (settings["OTEL_SERVICE_NAME"] != service.Name)
            {
                Fail($"{service.Name}: OTEL_SERVICE_NAME is {settings["OTEL_SERVICE_NAME"] ?? "not set"}");
            }

            // Queues, topics and tables: ShopTopology's and ShopServices' names with the overlay's one prefix.
            var prefix = settings["Messaging__Prefix"];
            if (service.UsesAws)
            {
                if (string.IsNullOrEmpty(prefix))
                {
                    Fail($"{service.Name} reaches AWS but has no Messaging__Prefix");
                }
                else
                {
                    prefixes.Add(prefix);
                }
            }

            foreach (var setting in settings.All.Values.Where(NamesAResource))
            {
                if (setting.Value is null || !LogicalNames.Any(name => LastSegment(setting.Value) == PhysicalName.Of(prefix ?? string.Empty, name)))
                {
                    Fail($"{service.Name}: {setting.Key}={setting.Value} names no queue, topic or table of ShopTopology/ShopServices with prefix '{prefix}'");
                }
            }

            // Its database: one connection string, named after ConnectionName, to its own Database.
            var connectionStrings = settings.All.Values.Where(s => s.Key.StartsWith(ConnectionStringPrefix, StringComparison.Ordinal)).ToList();
            var expected = service.ConnectionName is null ? [] : new[] { ConnectionStringPrefix + service.ConnectionName };
            var byHand = settings.SecretsNotRendered.Contains($"{service.Name}-database");
            if (byHand && connectionStrings.Count == 0 && service.Database is not null)
            {
                // A Secret made by hand (eks-anywhere): its key is the convention's, ConnectionStrings__<ConnectionName>.
            }
            else if (!connectionStrings.Select(s => s.Key).Order().SequenceEqual(expected))
            {
                Fail($"{service.Name}: connection strings [{string.Join(", ", connectionStrings.Select(s => s.Key))}], expected [{string.Join(", ", expected)}]");
            }
            else if (byHand)
            {
                Fail($"{service.Name}: reads Secret {service.Name}-database, made by hand, although it has no database");
            }

            foreach (var connectionString in connectionStrings.Where(s => s.Value is not null && service.Database is not null))
            {
                CheckDatabase(service, connectionString, prefix, Fail);
            }

            if (service.Database is not null && !(container.EnvFrom ?? []).Any(e => e.SecretRef?.Name is { } name && ConventionTests.GeneratedName(name) == $"{service.Name}-database"))
            {
                Fail($"{service.Name}: does not read its connection string from the Secret {service.Name}-database");
            }
        }

        if (prefixes.Count > 1)
        {
            Fail($"services use several messaging prefixes: {string.Join(", ", prefixes)}");
        }

        // The gateway routes to every service behind it, by its Service name and ShopServices.ContainerPort.
        if (settingsByService.TryGetValue(ShopServices.Gateway, out var gateway))
        {
            var destinations = gateway.All.Values.Where(s => s.Key.StartsWith(ClusterPrefix, StringComparison.Ordinal) && s.Key.EndsWith("__Destinations__primary__Address", StringComparison.Ordinal))
                .ToDictionary(s => s.Key[ClusterPrefix.Length..].Split("__")[0], s => s.Value);
            var missing = ShopServices.BehindGateway.Select(s => s.Name).Except(destinations.Keys).ToList();
            var extra = destinations.Keys.Except(ShopServices.BehindGateway.Select(s => s.Name)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                Fail($"gateway clusters: missing [{string.Join(", ", missing)}], not a service [{string.Join(", ", extra)}]");
            }

            foreach (var (cluster, address) in destinations.Where(d => d.Value != $"http://{d.Key}:{ShopServices.ContainerPort}/"))
            {
                Fail($"gateway: cluster {cluster} goes to {address}, not http://{cluster}:{ShopServices.ContainerPort}/");
            }
        }

        CheckScaledObjects(rendering, settingsByService, Fail);

        // docker-compose.yml: each setting it gives a service, the service's manifests give it too.
        foreach (var (service, settings) in settingsByService)
        {
            var composed = Compose.Services.GetValueOrDefault(service.Name)?.Environment ?? new Dictionary<string, string>();
            foreach (var (key, value) in composed)
            {
                if (ComposeOnlyWhere.TryGetValue(key, out var required) && !required(rendering, service))
                {
                    continue;
                }

                var byHandConnectionString = key == ConnectionStringPrefix + service.ConnectionName && settings.SecretsNotRendered.Contains($"{service.Name}-database");
                if (!settings.All.TryGetValue(key, out var setting))
                {
                    if (!byHandConnectionString)
                    {
                        Fail($"{service.Name}: docker-compose.yml sets {key}, its manifests do not");
                    }
                }
                else if (SameEverywhere(key) && setting.Value != value)
                {
                    Fail($"{service.Name}: {key} is {setting.Value} in the manifests, {value} in docker-compose.yml");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>KEDA's SQS triggers read each consumer's own queue: its URL in the overlay's region and account.</summary>
    private static void CheckScaledObjects(Rendering.Rendering rendering, Dictionary<ShopServiceDefinition, ContainerSettings> settingsByService, Action<string> fail)
    {
        foreach (var scaledObject in rendering.OfKind("ScaledObject", "keda.sh"))
        {
            var target = (string?)scaledObject.Json["spec"]?["scaleTargetRef"]?["name"];
            var service = ShopServices.All.SingleOrDefault(s => s.Name == target);
            if (service is null || !settingsByService.TryGetValue(service, out var settings))
            {
                fail($"{scaledObject.Id} scales {target}, which is no service");
                continue;
            }

            foreach (var trigger in (scaledObject.Json["spec"]?["triggers"] as JsonArray ?? []).Where(t => (string?)t?["type"] == "aws-sqs-queue"))
            {
                var metadata = trigger!["metadata"];
                var url = (string?)metadata?["queueURL"] ?? ((string?)metadata?["queueURLFromEnv"] is { } variable ? settings[variable] : null);
                var prefix = settings["Messaging__Prefix"] ?? string.Empty;
                if (service.Messaging?.Consumes is not { } queue)
                {
                    fail($"{scaledObject.Id} scales on a queue, but {service.Name} consumes none");
                    continue;
                }

                var region = settings["AWS_REGION"];
                var account = settings["Messaging__AccountId"];
                var expected = $"https://sqs.{region}.amazonaws.com/{account}/{PhysicalName.Of(prefix, queue.Name)}";
                if (settings["AWS_ENDPOINT_URL"] is null ? url != expected : LastSegment(url ?? string.Empty) != PhysicalName.Of(prefix, queue.Name))
                {
                    fail($"{scaledObject.Id}: queueURL {url}, expected {expected} (AWS_REGION, Messaging__AccountId, Messaging__Prefix and ShopTopology's queue of {service.Name})");
                }

                if ((string?)metadata?["awsRegion"] is { } awsRegion && awsRegion != region)
                {
                    fail($"{scaledObject.Id}: awsRegion {awsRegion}, but the service's AWS_REGION is {region}");
                }
            }
        }
    }

    /// <summary>Database= names the service's own; where an ExternalSecret templates it, it reads that service's login secret.</summary>
    private static void CheckDatabase(ShopServiceDefinition service, Setting connectionString, string? prefix, Action<string> fail)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString.Value;
        }
        catch (ArgumentException exception)
        {
            fail($"{service.Name}: {connectionString.Key} is no connection string ({exception.Message})");
            return;
        }

        var database = builder.TryGetValue("Database", out var value) ? (string)value : null;
        if (database == service.Database)
        {
            return;
        }

        var secretKeys = connectionString.From is { Kind: "ExternalSecret" } externalSecret
            ? (externalSecret.Json["spec"]?["dataFrom"] as JsonArray ?? []).Select(d => (string?)d?["extract"]?["key"])
                .Concat((externalSecret.Json["spec"]?["data"] as JsonArray ?? []).Select(d => (string?)d?["remoteRef"]?["key"]))
                .OfType<string>().ToList()
            : [];
        var loginSecret = $"{prefix}/database/{service.Name}"; // deploy/Shop.Deploy ServiceDatabases: {Prefix}/database/{service}, with dbname
        if (database is not null && database.Contains("{{", StringComparison.Ordinal) && secretKeys.Count > 0 && secretKeys.All(k => k == loginSecret))
        {
            return;
        }

        fail($"{service.Name}: {connectionString.Key} has Database={database ?? "(none)"}, expected {service.Database}"
            + (secretKeys.Count > 0 ? $" (or a template over the secret {loginSecret}; it reads {string.Join(", ", secretKeys)})" : string.Empty));
    }

    private static IEnumerable<string> LogicalNames =>
        ShopTopology.Queues.SelectMany(queue => new[] { queue.Name, queue.DeadLetterName })
            .Concat(ShopTopology.Topics.Select(topic => topic.Name))
            .Concat(ShopServices.All.SelectMany(service => service.Tables).Select(table => table.Name));

    private static bool NamesAResource(Setting setting) =>
        new[] { "Queue", "Topic", "Table" }.Any(word =>
            setting.Key.Contains(word, StringComparison.OrdinalIgnoreCase) || setting.Value?.Contains(word, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The name at the end of a URL or ARN: shop-prod-catalog for https://sqs…/123456789012/shop-prod-catalog.</summary>
    private static string LastSegment(string value) => value.Split('/', ':').Last();

    private static bool RunsMoto(Rendering.Rendering rendering) => rendering.Find("Deployment", "moto") is not null;

    private static bool RunsACollector(Rendering.Rendering rendering) =>
        rendering.OfKind("OpenTelemetryCollector", "opentelemetry.io").Any()
        || rendering.Workloads.Any(w => w.Template.Metadata.Labels?.Contains(new("app.kubernetes.io/component", "opentelemetry-collector")) == true);

    private static bool IsDevelopment(Rendering.Rendering rendering) =>
        rendering.OfKind("ConfigMap").Any(c => c.As<V1ConfigMap>().Data?.Contains(new("ASPNETCORE_ENVIRONMENT", "Development")) == true);
}

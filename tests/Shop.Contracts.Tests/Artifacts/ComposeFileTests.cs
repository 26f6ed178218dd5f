using System.Data.Common;
using System.Text.Json;
using Shop.Contracts.Topology;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Contracts.Tests.Artifacts;

/// <summary>docker-compose.yml names what <see cref="ShopServices"/> and <see cref="ShopTopology"/> define, so the two cannot drift apart.</summary>
public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(Repository.PathOf("docker-compose.yml"));

    private static ComposeService Container(ShopServiceDefinition service) =>
        Compose.Services.GetValueOrDefault(service.Name) ?? throw new ShouldAssertException($"docker-compose.yml has no service '{service.Name}'.");

    public static TheoryData<string> Services => [.. ShopServices.All.Select(service => service.Name)];

    private static ShopServiceDefinition Definition(string name) => ShopServices.All.Single(service => service.Name == name);

    [Fact]
    public void The_shop_services_are_the_containers_built_from_source()
    {
        Compose.Services.Values.Where(container => container.BuildProject is not null).Select(container => container.Name)
            .ShouldBe(ShopServices.All.Select(service => service.Name), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_container_publishes_its_own_project(string name)
    {
        var service = Definition(name);
        Container(service).BuildProject.ShouldBe(service.Project);
        File.Exists(Repository.PathOf(Path.Combine(service.Project, Path.GetFileName(service.Project) + ".csproj")))
            .ShouldBeTrue($"{service.Project} has no project file");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_container_reports_telemetry_under_its_name_and_is_probed_on_the_container_port(string name)
    {
        var container = Container(Definition(name));
        container.Environment["OTEL_SERVICE_NAME"].ShouldBe(name);
        new Uri(container.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]).Host.ShouldBeOneOf([.. Compose.Services.Keys]);
        container.HealthcheckTest.ShouldBe(["CMD", "/app/service", "--probe", $"http://localhost:{ShopServices.ContainerPort}/health/ready"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_container_has_its_own_database_and_only_that(string name)
    {
        var service = Definition(name);
        var container = Container(service);
        var connectionStrings = container.Environment.Where(setting => setting.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
        if (service.Database is null)
        {
            connectionStrings.ShouldBeEmpty();
            return;
        }

        connectionStrings.Select(setting => setting.Key).ShouldBe([$"ConnectionStrings__{service.ConnectionName}"]);
        var connection = new DbConnectionStringBuilder { ConnectionString = connectionStrings[0].Value };
        connection["Database"].ShouldBe(service.Database);
        ((string)connection["Host"]).ShouldBeOneOf([.. Compose.Services.Keys]);
        container.Environment["Database__Migrate"].ShouldBe("true");
        container.DependsOn.ShouldContain((string)connection["Host"]);
    }

    [Fact]
    public void Every_database_is_one_service_s()
    {
        ShopServices.All.Where(service => service.Database is not null).Select(service => service.Database).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_container_reaches_aws_exactly_when_it_has_queues_topics_or_tables(string name)
    {
        var service = Definition(name);
        var aws = Container(service).Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal) || key.StartsWith("Messaging__", StringComparison.Ordinal)).ToList();
        if (!service.UsesAws)
        {
            aws.ShouldBeEmpty();
            return;
        }

        var environment = Container(service).Environment;
        new Uri(environment["AWS_ENDPOINT_URL"]).Host.ShouldBeOneOf([.. Compose.Services.Keys]);
        environment["Messaging__Provision"].ShouldBe("true");
        environment["Messaging__Prefix"].ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_container_names_its_queues_topics_and_tables_with_one_prefix()
    {
        // Queue, topic and table names are ShopTopology's and ShopServices' with this prefix: compose names no other.
        ShopServices.All.Where(service => service.UsesAws).Select(service => Container(service).Environment["Messaging__Prefix"]).Distinct().Count().ShouldBe(1);
        var logicalNames = ShopTopology.Queues.SelectMany(queue => new[] { queue.Name, queue.DeadLetterName })
            .Concat(ShopTopology.Topics.Select(topic => topic.Name))
            .Concat(ShopServices.All.SelectMany(service => service.Tables).Select(table => table.Name));
        var settingsNamingResources = Compose.Services.Values.SelectMany(container => container.Environment)
            .Where(setting => setting.Key.Contains("Queue", StringComparison.OrdinalIgnoreCase)
                || setting.Key.Contains("Topic", StringComparison.OrdinalIgnoreCase)
                || setting.Key.Contains("Table", StringComparison.OrdinalIgnoreCase));
        settingsNamingResources.ShouldAllBe(setting => logicalNames.Any(name => setting.Value.EndsWith(name, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_gateway_routes_to_every_service_behind_it_on_the_container_port()
    {
        const string Prefix = "ReverseProxy__Clusters__";
        var destinations = Container(ShopServices.Gateway).Environment
            .Where(setting => setting.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key[Prefix.Length..].Split("__")[0], setting => setting.Value);

        destinations.Keys.ShouldBe(ShopServices.BehindGateway.Select(service => service.Name), ignoreOrder: true);
        destinations.ShouldAllBe(destination => destination.Value == $"http://{destination.Key}:{ShopServices.ContainerPort}/");
        GatewayClusters().ShouldBe(ShopServices.BehindGateway.Select(service => service.Name), ignoreOrder: true);
    }

    [Fact]
    public void Only_the_gateway_and_the_dashboard_are_published_and_only_on_loopback()
    {
        Compose.Services.Values.Where(container => container.Ports.Count > 0).Select(container => container.Name)
            .ShouldBe(["aspire-dashboard", ShopServices.Gateway.Name], ignoreOrder: true);
        Compose.Services.Values.SelectMany(container => container.Ports).ShouldAllBe(port => port.StartsWith("127.0.0.1:", StringComparison.Ordinal));
        Container(ShopServices.Gateway).Ports.ShouldBe([$"127.0.0.1:{ShopServices.Gateway.LocalPort}:{ShopServices.ContainerPort}"]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_container_runs_with_a_read_only_root_filesystem_and_no_capabilities(string name)
    {
        var container = Container(Definition(name));
        container.ReadOnly.ShouldBeTrue();
        container.CapDrop.ShouldBe(["ALL"]);
    }

    private static IEnumerable<string> GatewayClusters()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("gateway/Shop.Gateway/appsettings.json")));
        return [.. settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters").EnumerateObject().Select(cluster => cluster.Name)];
    }
}

using System.Text.Json.Nodes;
using Shop.Deploy.Tests.CloudFormation;
using Shop.LocalServers;
using Shop.TestSupport;

namespace Shop.Deploy.Tests;

public sealed class ContainerTests
{
    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Every_container_runs_as_a_non_root_user_with_a_health_check_and_a_read_only_root_filesystem(DeploymentRoute route)
    {
        var containers = Containers(route).ToList();

        containers.Count.ShouldBe(Contracts.Topology.ShopServices.All.Count * 2, "the app and its collector, per service");
        foreach (var (task, container) in containers)
        {
            var name = $"{task.String("Family")}/{container["Name"]}";
            var user = (string?)container["User"];
            user.ShouldNotBeNullOrWhiteSpace($"{name} names no user (the image's default could be root)");
            user.ShouldNotBeOneOf(["0", "root", "0:0"], $"{name} runs as root");
            container["HealthCheck"]?["Command"].ShouldNotBeNull($"{name} has no health check");
            ((bool?)container["ReadonlyRootFilesystem"]).ShouldBe(true, $"{name}'s root filesystem is writable");
            ((bool?)container["Privileged"] ?? false).ShouldBeFalse(name);
        }
    }

    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Every_app_container_drops_all_capabilities_and_stops_within_its_graceful_shutdown(DeploymentRoute route)
    {
        foreach (var (task, container) in Containers(route).Where(c => (string?)c.Container["Name"] != Services.ServiceWorkload.CollectorContainer))
        {
            var name = (string)container["Name"]!;
            container["LinuxParameters"]!["Capabilities"]!["Drop"]!.AsArray().Select(c => (string)c!).ShouldBe(["ALL"], name);
            ((int)container["StopTimeout"]!).ShouldBeGreaterThan((int)Services.ServiceWorkload.GracefulShutdown.TotalSeconds, name);
            ((int)container["StopTimeout"]!).ShouldBeLessThanOrEqualTo(120, $"{name}: Fargate's limit");
            container["HealthCheck"]!["Command"]!.AsArray().Select(c => (string)c!).ShouldContain("--probe", name);
            task.String("Family").ShouldEndWith(name);
        }
    }

    /// <summary>
    /// The runtime's and glibc's settings (README "Memory") are what docker-compose.yml measured: every one a task
    /// gives has compose's value, and the services behind the gateway have all of compose's (the gateway keeps the
    /// runtime's defaults on ECS but for the allocator's).
    /// </summary>
    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Every_app_container_has_the_runtime_settings_docker_compose_gives_its_service(DeploymentRoute route)
    {
        var compose = ComposeFile.Load(Path.Combine(RepositoryRoot.Find(), "docker-compose.yml"));
        var appContainers = Containers(route).Where(c => (string?)c.Container["Name"] != Services.ServiceWorkload.CollectorContainer).ToList();
        appContainers.Count.ShouldBe(Contracts.Topology.ShopServices.All.Count);
        foreach (var (_, container) in appContainers)
        {
            var name = (string)container["Name"]!;
            var environment = container["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"] is JsonValue value ? (string?)value : e["Value"]?.ToJsonString());
            var composed = compose.Services[name].Environment.Where(e => IsRuntimeSetting(e.Key)).ToList();
            composed.ShouldNotBeEmpty(name);
            foreach (var (key, value) in composed)
            {
                var required = key.StartsWith("MALLOC_", StringComparison.Ordinal) || name != Contracts.Topology.ShopServices.Gateway.Name;
                if (environment.TryGetValue(key, out var actual) || required)
                {
                    actual.ShouldBe(value, $"{name}: {key}");
                }
            }

            environment.Keys.Where(IsRuntimeSetting).ShouldBeSubsetOf(composed.Select(e => e.Key), $"{name} sets runtime settings compose does not");
        }
    }

    private static bool IsRuntimeSetting(string key) =>
        key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("MALLOC_", StringComparison.Ordinal);

    private static IEnumerable<(CfnResource Task, JsonObject Container)> Containers(DeploymentRoute route) =>
        SynthesizedApp.For(route).Cfn.OfType("AWS::ECS::TaskDefinition")
            .SelectMany(task => task.Properties["ContainerDefinitions"]!.AsArray().Select(container => (task, container!.AsObject())));
}

using System.Text.Json.Nodes;
using Shop.Deploy.Tests.CloudFormation;

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

    private static IEnumerable<(CfnResource Task, JsonObject Container)> Containers(DeploymentRoute route) =>
        SynthesizedApp.For(route).Cfn.OfType("AWS::ECS::TaskDefinition")
            .SelectMany(task => task.Properties["ContainerDefinitions"]!.AsArray().Select(container => (task, container!.AsObject())));
}

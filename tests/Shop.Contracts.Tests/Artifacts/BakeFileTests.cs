using System.Text.RegularExpressions;
using Shop.Contracts.Topology;
using Shouldly;

namespace Shop.Contracts.Tests.Artifacts;

/// <summary>docker-bake.hcl builds an image for every service of <see cref="ShopServices"/>, each from its own project.</summary>
public sealed partial class BakeFileTests
{
    private static readonly string Bake = File.ReadAllText(Repository.PathOf("docker-bake.hcl"));

    [Fact]
    public void The_matrix_builds_every_service_from_its_project()
    {
        var images = MatrixEntry().Matches(Bake).ToDictionary(entry => entry.Groups["name"].Value, entry => entry.Groups["project"].Value);

        images.ShouldBe(ShopServices.All.ToDictionary(service => service.Name, service => service.Project), ignoreOrder: true);
    }

    [Fact]
    public void The_default_group_is_every_service()
    {
        var group = DefaultGroupTargets().Match(Bake);
        group.Success.ShouldBeTrue("docker-bake.hcl has no default group");

        Quoted().Matches(group.Groups["targets"].Value).Select(target => target.Groups[1].Value)
            .ShouldBe(ShopServices.All.Select(service => service.Name), ignoreOrder: true);
    }

    [GeneratedRegex("""\{\s*name\s*=\s*"(?<name>[^"]+)"\s*,\s*project\s*=\s*"(?<project>[^"]+)"\s*\}""")]
    private static partial Regex MatrixEntry();

    [GeneratedRegex("""group\s+"default"\s*\{\s*targets\s*=\s*\[(?<targets>[^\]]*)\]""")]
    private static partial Regex DefaultGroupTargets();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shop.Contracts.Topology;
using Shouldly;

namespace Shop.Contracts.Tests.Artifacts;

/// <summary>
/// The one Dockerfile copies only the shared projects into its build stage, so a project reference it does not copy
/// breaks every image build, and nothing else would notice until someone builds one.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.PathOf("Dockerfile"));

    public static TheoryData<string> Services() => [.. ShopServices.All.Select(service => service.Name)];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_build_stage_copies_every_project_the_service_references(string service)
    {
        var copied = CopiedFolder().Matches(Dockerfile).Select(copy => copy.Groups["folder"].Value.TrimEnd('/')).ToHashSet();

        var missing = ReferencedProjectFolders(ShopServices.All.Single(s => s.Name == service).Project).Where(folder => !copied.Contains(folder));

        missing.ShouldBeEmpty($"{service} references projects the Dockerfile does not copy");
    }

    /// <summary>Folders (relative to the root, with '/') of every project <paramref name="projectFolder"/> references, transitively.</summary>
    private static HashSet<string> ReferencedProjectFolders(string projectFolder)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([projectFolder]);
        while (pending.TryPop(out var folder))
        {
            var project = Directory.GetFiles(Repository.PathOf(folder), "*.csproj").Single();
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                var referenced = Path.GetRelativePath(Repository.Root, Path.GetDirectoryName(path)!).Replace('\\', '/');
                if (found.Add(referenced))
                {
                    pending.Push(referenced);
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"^COPY\s+(?<folder>services/\S+/)\s+\k<folder>\s*$", RegexOptions.Multiline)]
    private static partial Regex CopiedFolder();
}

using System.Text.RegularExpressions;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>The objects one kustomization renders to.</summary>
public sealed partial class Rendering(string name, IReadOnlyList<RenderedObject> objects)
{
    /// <summary>"base", "overlays/local".</summary>
    public string Name { get; } = name;

    public IReadOnlyList<RenderedObject> Objects { get; } = objects;

    public bool IsBase => Name == Kustomizations.Base;

    /// <summary>Splits a multi-document YAML stream (kubectl's output) into its objects.</summary>
    public static Rendering Parse(string name, string yaml)
    {
        var objects = new List<RenderedObject>();
        foreach (var document in DocumentSeparator().Split(yaml).Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(document));
            foreach (var parsed in stream.Documents)
            {
                if (parsed.RootNode is not YamlMappingNode root)
                {
                    throw new InvalidOperationException($"{name}: a document is not a mapping:{Environment.NewLine}{document}");
                }

                objects.Add(new RenderedObject(document, root));
            }
        }

        return new Rendering(name, objects);
    }

    public IEnumerable<RenderedObject> OfKind(string kind, string? group = null) => Objects.Where(o => o.Is(kind, group));

    public RenderedObject? Find(string kind, string name) => Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name);

    public IEnumerable<(RenderedObject Object, V1Deployment Deployment)> Deployments =>
        OfKind("Deployment", "apps").Select(o => (o, o.As<V1Deployment>()));

    /// <summary>Every object that runs pods from a template: Deployments, StatefulSets, DaemonSets.</summary>
    public IEnumerable<(RenderedObject Object, V1PodTemplateSpec Template)> Workloads =>
        Objects.Select(o => (o, Template: o switch
        {
            { Kind: "Deployment", Group: "apps" } => o.As<V1Deployment>().Spec.Template,
            { Kind: "StatefulSet", Group: "apps" } => o.As<V1StatefulSet>().Spec.Template,
            { Kind: "DaemonSet", Group: "apps" } => o.As<V1DaemonSet>().Spec.Template,
            _ => null,
        })).Where(w => w.Template is not null).Select(w => (w.o, w.Template!));

    public override string ToString() => Name;

    [GeneratedRegex(@"^---[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}

using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.RepresentationModel;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>One object of a rendering: its YAML as kubectl printed it, and views of it.</summary>
public sealed class RenderedObject
{
    private readonly Lazy<object?> model;

    public RenderedObject(string yaml, YamlMappingNode node)
    {
        Yaml = yaml;
        Node = node;
        Json = YamlScalars.ToJson(node) as JsonObject ?? throw new InvalidOperationException("An object is a mapping.");
        ApiVersion = (string?)Json["apiVersion"] ?? string.Empty;
        Kind = (string?)Json["kind"] ?? string.Empty;
        Name = (string?)Json["metadata"]?["name"] ?? string.Empty;
        Namespace = (string?)Json["metadata"]?["namespace"];
        model = new(() => Schema.BuiltInKinds.TypeOf(ApiVersion, Kind) is { } type ? Deserialize(type) : null);
    }

    public string Yaml { get; }

    public YamlMappingNode Node { get; }

    public JsonObject Json { get; }

    public string ApiVersion { get; }

    public string Kind { get; }

    public string Name { get; }

    public string? Namespace { get; }

    /// <summary>The API group: "" for the core group, "apps" for apps/v1.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : string.Empty;

    public string Id => $"{Kind}/{Name}";

    public bool Is(string kind, string? group = null) => Kind == kind && (group is null || Group == group);

    /// <summary>The KubernetesClient model of a built-in kind (read leniently: the schema tests say whether it is valid).</summary>
    public T As<T>()
        where T : class => model.Value as T ?? throw new InvalidOperationException($"{Id} ({ApiVersion}) is not a {typeof(T).Name}.");

    public override string ToString() => Id;

    private object? Deserialize(Type type) =>
        typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
            .MakeGenericMethod(type).Invoke(null, [Yaml, false]);
}

using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Shop.TestSupport;

/// <summary>docker-compose.yml as compose reads it: anchors expanded and merge keys (<c>&lt;&lt;</c>) applied.</summary>
public sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static ComposeFile Load(string path)
    {
        using var reader = File.OpenText(path);
        var root = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)))!;
        var services = (Dictionary<object, object>)root["services"];
        return new ComposeFile(services.ToDictionary(
            entry => (string)entry.Key,
            entry => new ComposeService((string)entry.Key, (Dictionary<object, object>)entry.Value)));
    }
}

public sealed class ComposeService(string name, Dictionary<object, object> definition)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, string> Environment { get; } =
        definition.TryGetValue("environment", out var environment)
            ? ((Dictionary<object, object>)environment).ToDictionary(e => (string)e.Key, e => (string)e.Value)
            : new Dictionary<string, string>();

    /// <summary>The PROJECT build argument: the project the one Dockerfile publishes; null for a pulled image.</summary>
    public string? BuildProject =>
        Section("build") is { } build && build.TryGetValue("args", out var args) ? (string?)((Dictionary<object, object>)args)["PROJECT"] : null;

    public IReadOnlyList<string> Ports => List("ports");

    public IReadOnlyList<string> HealthcheckTest => Section("healthcheck") is { } healthcheck ? ListOf(healthcheck["test"]) : [];

    public bool ReadOnly => definition.TryGetValue("read_only", out var readOnly) && (string)readOnly == "true";

    public IReadOnlyList<string> CapDrop => List("cap_drop");

    public IReadOnlyList<string> DependsOn => Section("depends_on")?.Keys.Cast<string>().ToList() ?? [];

    private Dictionary<object, object>? Section(string key) =>
        definition.TryGetValue(key, out var value) ? (Dictionary<object, object>)value : null;

    private IReadOnlyList<string> List(string key) => definition.TryGetValue(key, out var value) ? ListOf(value) : [];

    private static List<string> ListOf(object value) => ((List<object>)value).Cast<string>().ToList();
}

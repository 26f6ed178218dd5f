using Shop.LocalServers;
using System.Collections.Concurrent;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>
/// k8s/base and every overlay folder under k8s/overlays, each rendered once per test run with <c>kubectl kustomize</c>
/// (kubectl 1.32 or later on PATH; nothing reaches a cluster).
/// </summary>
public static class Kustomizations
{
    public const string Base = "base";

    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendering>>> Renderings = new();

    public static string K8sFolder => Path.Combine(RepositoryRoot.Find(), "k8s");

    /// <summary>"base", then "overlays/&lt;name&gt;" for every overlay folder (one with a kustomization file or not).</summary>
    public static IReadOnlyList<string> All =>
    [
        Base,
        .. Overlays,
    ];

    public static IReadOnlyList<string> Overlays =>
        Directory.Exists(Path.Combine(K8sFolder, "overlays"))
            ? [.. Directory.GetDirectories(Path.Combine(K8sFolder, "overlays")).Select(d => $"overlays/{Path.GetFileName(d)}").Order(StringComparer.Ordinal)]
            : [];

    public static TheoryData<string> AllData => [.. All];

    public static TheoryData<string> OverlayData => [.. Overlays];

    /// <summary>The rendering of <paramref name="name"/> ("base", "overlays/eks"): kubectl runs once per name and process.</summary>
    public static Task<Rendering> RenderAsync(string name) =>
        Renderings.GetOrAdd(name, key => new Lazy<Task<Rendering>>(() => RenderUncachedAsync(key))).Value;

    private static async Task<Rendering> RenderUncachedAsync(string name)
    {
        var folder = Path.Combine(K8sFolder, name);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No kustomization folder k8s/{name}.");
        }

        Command.Result run;
        try
        {
            run = await Command.RunAsync("kubectl", ["kustomize", folder], RepositoryRoot.Find());
        }
        catch (FileNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"kubectl is needed to render k8s/{name} (`kubectl kustomize`, kubectl 1.32+ with Kustomize 5.5; no cluster is used): {exception.Message}",
                exception);
        }

        if (!run.Succeeded)
        {
            throw new InvalidOperationException($"`kubectl kustomize k8s/{name}` failed (exit code {run.ExitCode}):{Environment.NewLine}{run.Error}");
        }

        return Rendering.Parse(name, run.Output);
    }
}

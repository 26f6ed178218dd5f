using System.Reflection;
using k8s.Models;

namespace Shop.Kubernetes.Tests.Schema;

/// <summary>
/// The Kubernetes API's own kinds as KubernetesClient models them (apiVersion/kind to model type, from the models'
/// <see cref="KubernetesEntityAttribute"/>, as <c>KubernetesYaml</c> maps them), narrowed to the group/versions a
/// Kubernetes 1.32 API server serves by default.
/// </summary>
public static class BuiltInKinds
{
    private static readonly Dictionary<string, Type> Models = typeof(KubernetesEntityAttribute).Assembly.GetTypes()
        .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(t => t.Entity is not null && !t.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .ToDictionary(t => Key(string.IsNullOrEmpty(t.Entity!.Group) ? t.Entity.ApiVersion : $"{t.Entity.Group}/{t.Entity.ApiVersion}", t.Entity.Kind), t => t.Type);

    /// <summary>
    /// The built-in group/versions a 1.32 API server serves without feature gates or runtime-config (GA ones; betas
    /// added since 1.24 are off by default; flowcontrol v1beta3 stopped being served in 1.32). KubernetesClient 21
    /// models a later Kubernetes: a kind outside these is reported, not accepted.
    /// </summary>
    public static readonly IReadOnlySet<string> ServedByKubernetes132 = new HashSet<string>(StringComparer.Ordinal)
    {
        "v1",
        "admissionregistration.k8s.io/v1",
        "apiextensions.k8s.io/v1",
        "apiregistration.k8s.io/v1",
        "apps/v1",
        "authentication.k8s.io/v1",
        "authorization.k8s.io/v1",
        "autoscaling/v1",
        "autoscaling/v2",
        "batch/v1",
        "certificates.k8s.io/v1",
        "coordination.k8s.io/v1",
        "discovery.k8s.io/v1",
        "events.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1",
        "networking.k8s.io/v1",
        "node.k8s.io/v1",
        "policy/v1",
        "rbac.authorization.k8s.io/v1",
        "scheduling.k8s.io/v1",
        "storage.k8s.io/v1",
    };

    /// <summary>API groups of the custom resources tools/k8s-validate checks against their CRDs' schemas.</summary>
    public static readonly IReadOnlySet<string> CustomResourceGroups = new HashSet<string>(StringComparer.Ordinal)
    {
        "keda.sh",
        "eventing.keda.sh",
        "external-secrets.io",
        "generators.external-secrets.io",
        "opentelemetry.io",
    };

    public static Type? TypeOf(string apiVersion, string kind) => Models.GetValueOrDefault(Key(apiVersion, kind));

    public static bool IsCustomResource(string apiVersion) =>
        apiVersion.Contains('/') && CustomResourceGroups.Contains(apiVersion[..apiVersion.IndexOf('/')]);

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";
}

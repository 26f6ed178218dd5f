using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>One environment variable of a container: its value where the rendering holds it, and where it comes from.</summary>
/// <param name="Value">Null when the rendering does not hold it (a secretKeyRef, an ExternalSecret without a template for it).</param>
/// <param name="From">The ConfigMap, Secret or ExternalSecret it comes from; null for an <c>env</c> entry.</param>
public sealed record Setting(string Key, string? Value, RenderedObject? From);

/// <summary>The environment a container starts with: its <c>envFrom</c> sources in order, then its <c>env</c>.</summary>
public sealed class ContainerSettings
{
    private ContainerSettings(IReadOnlyDictionary<string, Setting> settings, IReadOnlyList<string> secretsNotRendered)
    {
        All = settings;
        SecretsNotRendered = secretsNotRendered;
    }

    public IReadOnlyDictionary<string, Setting> All { get; }

    /// <summary>Secrets it reads with envFrom that the rendering neither holds nor makes (an ExternalSecret): created by hand.</summary>
    public IReadOnlyList<string> SecretsNotRendered { get; }

    public string? this[string key] => All.GetValueOrDefault(key)?.Value;

    public static ContainerSettings Of(Rendering rendering, V1Container container)
    {
        var settings = new Dictionary<string, Setting>(StringComparer.Ordinal);
        var notRendered = new List<string>();
        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? string.Empty;
            if (source.ConfigMapRef is { } configMapRef)
            {
                if (rendering.Find("ConfigMap", configMapRef.Name) is { } configMap)
                {
                    foreach (var (key, value) in configMap.As<V1ConfigMap>().Data ?? new Dictionary<string, string>())
                    {
                        settings[prefix + key] = new Setting(prefix + key, value, configMap);
                    }
                }
            }
            else if (source.SecretRef is { } secretRef)
            {
                if (rendering.Find("Secret", secretRef.Name) is { } secret)
                {
                    var model = secret.As<V1Secret>();
                    foreach (var (key, value) in model.Data ?? new Dictionary<string, byte[]>())
                    {
                        settings[prefix + key] = new Setting(prefix + key, Encoding.UTF8.GetString(value), secret);
                    }

                    foreach (var (key, value) in model.StringData ?? new Dictionary<string, string>())
                    {
                        settings[prefix + key] = new Setting(prefix + key, value, secret);
                    }
                }
                else if (ExternalSecretMaking(rendering, secretRef.Name) is { } externalSecret)
                {
                    foreach (var (key, value) in KeysOf(externalSecret))
                    {
                        settings[prefix + key] = new Setting(prefix + key, value, externalSecret);
                    }
                }
                else
                {
                    notRendered.Add(secretRef.Name);
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            settings[variable.Name] = new Setting(variable.Name, variable.ValueFrom is null ? variable.Value ?? string.Empty : null, null);
        }

        return new ContainerSettings(settings, notRendered);
    }

    /// <summary>The ExternalSecret whose target Secret is <paramref name="secretName"/> (its target.name, else its own name).</summary>
    public static RenderedObject? ExternalSecretMaking(Rendering rendering, string secretName) =>
        rendering.OfKind("ExternalSecret", "external-secrets.io")
            .FirstOrDefault(e => ((string?)e.Json["spec"]?["target"]?["name"] ?? e.Name) == secretName);

    /// <summary>The keys of the Secret an ExternalSecret makes: its template's, or else its data's secretKeys.</summary>
    private static IEnumerable<(string Key, string? Value)> KeysOf(RenderedObject externalSecret)
    {
        var spec = externalSecret.Json["spec"];
        if (spec?["target"]?["template"]?["data"] is JsonObject template)
        {
            return template.Select(entry => (entry.Key, (string?)entry.Value));
        }

        return (spec?["data"] as JsonArray ?? []).Select(item => ((string?)item?["secretKey"] ?? string.Empty, (string?)null));
    }
}

using System.Text.RegularExpressions;
using k8s.Models;
using Shop.Contracts.Topology;
using Shop.Kubernetes.Tests.Policy;
using Shop.Kubernetes.Tests.Rendering;
using Shouldly;

namespace Shop.Kubernetes.Tests;

/// <summary>
/// Each service of <see cref="ShopServices.All"/> has, in base and every overlay, the objects named after it that the
/// manifests' conventions give it, and everything an object refers to is rendered (or is a Secret made by hand).
/// </summary>
public sealed partial class ConventionTests
{
    private const string NameLabel = "app.kubernetes.io/name";

    /// <summary>
    /// Secrets an overlay reads that an operator creates by hand (their kustomization.yaml says which); every other
    /// Secret an overlay reads must be rendered, generated or made by an ExternalSecret.
    /// </summary>
    private static readonly Dictionary<string, IReadOnlySet<string>> SecretsCreatedByHand = new()
    {
        ["overlays/eks-anywhere"] = new HashSet<string>(
            ShopServices.All.Where(s => s.Database is not null).Select(s => $"{s.Name}-database")
                .Concat(ShopServices.All.Where(s => s.UsesAws).Select(s => $"{s.Name}-aws"))
                .Concat(["postgres-credentials", "keda-sqs-reader"])),
    };

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_service_has_its_deployment_service_account_service_budget_policy_and_autoscaler(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);
        var violations = new List<string>();
        foreach (var service in ShopServices.All)
        {
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    violations.Add($"{rendering.Name}: {service.Name}: {what}");
                }
            }

            var selector = new Dictionary<string, string> { [NameLabel] = service.Name };
            var deploymentObject = rendering.Find("Deployment", service.Name);
            Check(deploymentObject is not null, "no Deployment");
            if (deploymentObject?.As<V1Deployment>() is { } deployment)
            {
                Check(Labelled(deployment.Metadata, service.Name) && Labelled(deployment.Spec.Template.Metadata, service.Name), $"Deployment or its pods lack {NameLabel}: {service.Name}");
                Check(NameOf(deployment.Spec.Selector.MatchLabels) == service.Name, $"Deployment selector is not {NameLabel}: {service.Name}");
                Check(deployment.Spec.Template.Spec.ServiceAccountName == service.Name, "pods do not run as the ServiceAccount named after the service");
                var container = deployment.Spec.Template.Spec.Containers.SingleOrDefault(c => c.Name == service.Name);
                Check(container is not null, $"no container named {service.Name}");
                if (container is not null)
                {
                    Check(ImageReference.Parse(container.Image).Name == service.Name, $"image {container.Image} is not the service's (…/{service.Name}:tag)");
                    Check(container.Ports?.Any(p => p.Name == "http" && p.ContainerPort == ShopServices.ContainerPort) == true, $"no containerPort {ShopServices.ContainerPort} named http");
                    Check(
                        container.EnvFrom?.Any(e => e.ConfigMapRef?.Name is { } name && GeneratedName(name) == $"{service.Name}-settings" && rendering.Find("ConfigMap", name) is not null) == true,
                        $"settings are not read (envFrom) from the generated ConfigMap {service.Name}-settings-<hash>");
                }
            }

            var serviceObject = rendering.Find("Service", service.Name)?.As<V1Service>();
            Check(serviceObject is not null, "no Service");
            if (serviceObject is not null)
            {
                Check(serviceObject.Spec.Type is null or "ClusterIP", $"Service is of type {serviceObject.Spec.Type}, not ClusterIP");
                Check(NameOf(serviceObject.Spec.Selector) == service.Name, $"Service does not select {NameLabel}: {service.Name}");
                Check(
                    serviceObject.Spec.Ports?.Any(p => p.Name == "http" && p.Port == ShopServices.ContainerPort && p.TargetPort?.Value is "http" or "8080") == true,
                    $"Service has no port {ShopServices.ContainerPort} named http to the pods' http");
            }

            Check(rendering.Find("ServiceAccount", service.Name) is not null, "no ServiceAccount");
            var budget = rendering.Find("PodDisruptionBudget", service.Name)?.As<V1PodDisruptionBudget>();
            Check(budget is not null && NameOf(budget.Spec.Selector.MatchLabels) == service.Name, $"no PodDisruptionBudget selecting {NameLabel}: {service.Name}");
            var policy = rendering.Find("NetworkPolicy", service.Name)?.As<V1NetworkPolicy>();
            Check(policy is not null && LabelSelectors.Matches(policy.Spec.PodSelector, selector) && !LabelSelectors.IsEmpty(policy.Spec.PodSelector), $"no NetworkPolicy selecting {NameLabel}: {service.Name}");

            // Autoscaled by a HorizontalPodAutoscaler or, where an overlay scales it on its queue, a KEDA ScaledObject.
            var autoscaler = rendering.Find("HorizontalPodAutoscaler", service.Name)?.As<V2HorizontalPodAutoscaler>();
            var scaledObject = rendering.OfKind("ScaledObject", "keda.sh").FirstOrDefault(o => o.Name == service.Name);
            Check(autoscaler is null || scaledObject is null, "both a HorizontalPodAutoscaler and a ScaledObject (KEDA makes its own HPA)");
            Check(autoscaler is not null || scaledObject is not null, "neither a HorizontalPodAutoscaler nor a ScaledObject");
            Check(autoscaler is null || autoscaler.Spec.ScaleTargetRef is { Kind: "Deployment" } target && target.Name == service.Name, "the HorizontalPodAutoscaler does not scale its Deployment");
            Check(scaledObject is null || (string?)scaledObject.Json["spec"]?["scaleTargetRef"]?["name"] == service.Name, "the ScaledObject does not scale its Deployment");
        }

        violations.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.OverlayData), MemberType = typeof(Kustomizations))]
    public async Task Everything_an_object_refers_to_is_rendered(string overlay)
    {
        var rendering = await Kustomizations.RenderAsync(overlay);
        var byHand = SecretsCreatedByHand.GetValueOrDefault(overlay) ?? new HashSet<string>();
        var violations = new List<string>();
        void Refer(RenderedObject from, string kind, string? name)
        {
            if (name is null)
            {
                return;
            }

            var found = kind == "Secret"
                ? rendering.Find("Secret", name) is not null || ContainerSettings.ExternalSecretMaking(rendering, name) is not null || byHand.Contains(name)
                : rendering.Find(kind, name) is not null;
            if (!found)
            {
                violations.Add($"{from.Id} refers to {kind}/{name}, which is not rendered{(kind == "Secret" ? " (nor made by an ExternalSecret, nor listed as made by hand)" : string.Empty)}");
            }
        }

        foreach (var (workload, template) in rendering.Workloads)
        {
            var pod = template.Spec;
            Refer(workload, "ServiceAccount", pod.ServiceAccountName);
            foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                foreach (var source in container.EnvFrom ?? [])
                {
                    Refer(workload, "ConfigMap", source.ConfigMapRef?.Name);
                    Refer(workload, "Secret", source.SecretRef?.Name);
                }

                foreach (var variable in container.Env ?? [])
                {
                    Refer(workload, "ConfigMap", variable.ValueFrom?.ConfigMapKeyRef?.Name);
                    Refer(workload, "Secret", variable.ValueFrom?.SecretKeyRef?.Name);
                }

                foreach (var probe in new[] { container.StartupProbe, container.ReadinessProbe, container.LivenessProbe })
                {
                    if (probe?.HttpGet?.Port?.Value is { } port && !int.TryParse(port, out _) && container.Ports?.Any(p => p.Name == port) != true)
                    {
                        violations.Add($"{workload.Id}: container {container.Name} probes port {port}, which it does not declare");
                    }
                }
            }

            foreach (var volume in pod.Volumes ?? [])
            {
                Refer(workload, "ConfigMap", volume.ConfigMap?.Name);
                Refer(workload, "Secret", volume.Secret?.SecretName);
            }
        }

        foreach (var serviceObject in rendering.OfKind("Service"))
        {
            var service = serviceObject.As<V1Service>();
            var pods = rendering.Workloads.Where(w => service.Spec.Selector is { Count: > 0 } && LabelSelectors.Matches(service.Spec.Selector, w.Template.Metadata.Labels)).ToList();
            if (pods.Count == 0)
            {
                violations.Add($"{serviceObject.Id} selects no rendered workload's pods");
            }

            foreach (var port in service.Spec.Ports ?? [])
            {
                if (port.TargetPort?.Value is { } target && !int.TryParse(target, out _)
                    && !pods.All(w => w.Template.Spec.Containers.Any(c => c.Ports?.Any(p => p.Name == target) == true)))
                {
                    violations.Add($"{serviceObject.Id}: targetPort {target} is not a port name of the pods it selects");
                }
            }
        }

        foreach (var ingressObject in rendering.OfKind("Ingress", "networking.k8s.io"))
        {
            var backends = ingressObject.As<V1Ingress>().Spec.Rules?.SelectMany(r => r.Http?.Paths ?? []).Select(p => p.Backend.Service) ?? [];
            foreach (var backend in backends.OfType<V1IngressServiceBackend>())
            {
                var service = rendering.Find("Service", backend.Name)?.As<V1Service>();
                if (service?.Spec.Ports?.Any(p => backend.Port.Name is { } name ? p.Name == name : p.Port == backend.Port.Number) != true)
                {
                    violations.Add($"{ingressObject.Id} sends to Service/{backend.Name} port {backend.Port.Name ?? backend.Port.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)}, which is not rendered");
                }
            }
        }

        foreach (var budget in rendering.OfKind("PodDisruptionBudget", "policy"))
        {
            if (!rendering.Workloads.Any(w => LabelSelectors.Matches(budget.As<V1PodDisruptionBudget>().Spec.Selector, w.Template.Metadata.Labels)))
            {
                violations.Add($"{budget.Id} selects no rendered workload's pods");
            }
        }

        foreach (var autoscaler in rendering.OfKind("HorizontalPodAutoscaler", "autoscaling"))
        {
            var target = autoscaler.As<V2HorizontalPodAutoscaler>().Spec.ScaleTargetRef;
            Refer(autoscaler, target.Kind, target.Name);
        }

        foreach (var scaledObject in rendering.OfKind("ScaledObject", "keda.sh"))
        {
            Refer(scaledObject, (string?)scaledObject.Json["spec"]?["scaleTargetRef"]?["kind"] ?? "Deployment", (string?)scaledObject.Json["spec"]?["scaleTargetRef"]?["name"]);
            foreach (var trigger in scaledObject.Json["spec"]?["triggers"]?.AsArray() ?? [])
            {
                Refer(scaledObject, (string?)trigger?["authenticationRef"]?["kind"] ?? "TriggerAuthentication", (string?)trigger?["authenticationRef"]?["name"]);
            }
        }

        foreach (var authentication in rendering.OfKind("TriggerAuthentication", "keda.sh"))
        {
            foreach (var secretRef in authentication.Json["spec"]?["secretTargetRef"]?.AsArray() ?? [])
            {
                Refer(authentication, "Secret", (string?)secretRef?["name"]);
            }
        }

        foreach (var externalSecret in rendering.OfKind("ExternalSecret", "external-secrets.io"))
        {
            var store = externalSecret.Json["spec"]?["secretStoreRef"];
            Refer(externalSecret, (string?)store?["kind"] ?? "SecretStore", (string?)store?["name"]);
        }

        foreach (var collector in rendering.OfKind("OpenTelemetryCollector", "opentelemetry.io"))
        {
            Refer(collector, "ServiceAccount", (string?)collector.Json["spec"]?["serviceAccount"]);
        }

        violations.ShouldBeEmpty();
    }

    private static bool Labelled(V1ObjectMeta? metadata, string name) => NameOf(metadata?.Labels) == name;

    private static string? NameOf(IDictionary<string, string>? labels) => labels is not null && labels.TryGetValue(NameLabel, out var name) ? name : null;

    /// <summary>The name a Kustomize generator was given: "catalog-settings" for "catalog-settings-5g7h2kt9bm".</summary>
    public static string GeneratedName(string name) => HashSuffix().Replace(name, string.Empty);

    [GeneratedRegex("-[a-z0-9]{10}$")]
    private static partial Regex HashSuffix();
}

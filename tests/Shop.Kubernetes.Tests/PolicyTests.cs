using k8s.Models;
using Shop.Kubernetes.Tests.Policy;
using Shop.Kubernetes.Tests.Rendering;
using Shouldly;

namespace Shop.Kubernetes.Tests;

/// <summary>
/// What every workload (each Deployment, and StatefulSet, of base and every overlay) must be: probed, bounded,
/// hardened to the restricted Pod Security Standard, protected by a disruption budget and a network policy of its own,
/// stopped gracefully, and run from a pinned image. Each test lists every violation it finds.
/// </summary>
public sealed class PolicyTests
{
    /// <summary>Service accounts whose pods may mount an API token (none calls the Kubernetes API today).</summary>
    private static readonly IReadOnlySet<string> ServiceAccountsNeedingAToken = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The preStop pause plus the host's 30 s to drain requests and in-flight messages, plus margin.</summary>
    private const int MinimumTerminationGracePeriodSeconds = 35;

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_container_has_startup_readiness_and_liveness_probes_and_cpu_and_memory_requests_and_limits(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        Violations(rendering, (_, template) => template.Spec.Containers.SelectMany(container => new[]
        {
            container.StartupProbe is null ? $"container {container.Name} has no startupProbe" : null,
            container.ReadinessProbe is null ? $"container {container.Name} has no readinessProbe" : null,
            container.LivenessProbe is null ? $"container {container.Name} has no livenessProbe" : null,
        }.Concat(new[] { "cpu", "memory" }.SelectMany(resource => new[]
        {
            container.Resources?.Requests?.ContainsKey(resource) == true ? null : $"container {container.Name} requests no {resource}",
            container.Resources?.Limits?.ContainsKey(resource) == true ? null : $"container {container.Name} has no {resource} limit",
        })))).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_container_runs_as_non_root_on_a_read_only_root_filesystem_without_privilege_escalation_or_capabilities(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        Violations(rendering, (_, template) =>
        {
            var pod = template.Spec.SecurityContext;
            return (template.Spec.InitContainers ?? []).Concat(template.Spec.Containers).SelectMany(container =>
            {
                var own = container.SecurityContext;
                return new[]
                {
                    (own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true ? null : $"container {container.Name}: runAsNonRoot is not true (pod or container)",
                    (own?.RunAsUser ?? pod?.RunAsUser) == 0 ? $"container {container.Name}: runAsUser is 0" : null,
                    own?.ReadOnlyRootFilesystem == true ? null : $"container {container.Name}: readOnlyRootFilesystem is not true",
                    own?.AllowPrivilegeEscalation == false ? null : $"container {container.Name}: allowPrivilegeEscalation is not false",
                    own?.Privileged == true ? $"container {container.Name} is privileged" : null,
                    own?.Capabilities?.Drop?.Contains("ALL") == true ? null : $"container {container.Name}: capabilities do not drop ALL",
                    own?.Capabilities?.Add is { Count: > 0 } added && added.Any(c => c != "NET_BIND_SERVICE")
                        ? $"container {container.Name} adds capabilities {string.Join(", ", added)}"
                        : null,
                    (own?.SeccompProfile ?? pod?.SeccompProfile)?.Type == "RuntimeDefault" ? null : $"container {container.Name}: seccompProfile is not RuntimeDefault",
                };
            }).Concat(
            [
                template.Spec.HostNetwork == true || template.Spec.HostPID == true || template.Spec.HostIPC == true ? "uses the host's network, PID or IPC namespace" : null,
            ]);
        }).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task No_pod_mounts_a_service_account_token_it_does_not_need(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        Violations(rendering, (_, template) =>
        {
            var accountName = template.Spec.ServiceAccountName ?? "default";
            var account = rendering.Find("ServiceAccount", accountName)?.As<V1ServiceAccount>();
            var mounted = template.Spec.AutomountServiceAccountToken ?? account?.AutomountServiceAccountToken ?? true;
            return [mounted && !ServiceAccountsNeedingAToken.Contains(accountName) ? $"mounts the API token of service account {accountName}" : null];
        }).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_workload_has_a_disruption_budget_and_a_network_policy_of_its_own(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);
        var budgets = rendering.OfKind("PodDisruptionBudget", "policy").Select(o => o.As<V1PodDisruptionBudget>()).ToList();
        var policies = rendering.OfKind("NetworkPolicy", "networking.k8s.io").Select(o => o.As<V1NetworkPolicy>()).ToList();

        Violations(rendering, (_, template) =>
        [
            budgets.Any(b => !LabelSelectors.IsEmpty(b.Spec.Selector) && LabelSelectors.Matches(b.Spec.Selector, template.Metadata.Labels))
                ? null
                : "no PodDisruptionBudget selects its pods",
            // Not default-deny nor allow-dns, which select every pod: a policy that picks these pods out.
            policies.Any(p => !LabelSelectors.IsEmpty(p.Spec.PodSelector) && LabelSelectors.Matches(p.Spec.PodSelector, template.Metadata.Labels))
                ? null
                : "no NetworkPolicy (other than those for every pod) selects its pods",
        ]).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_workload_stops_gracefully(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        Violations(rendering, (_, template) =>
            new[]
            {
                (template.Spec.TerminationGracePeriodSeconds ?? 30) >= MinimumTerminationGracePeriodSeconds
                    ? null
                    : $"terminationGracePeriodSeconds is {template.Spec.TerminationGracePeriodSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset (30)"}, under {MinimumTerminationGracePeriodSeconds}",
            }.Concat(template.Spec.Containers.Select(container =>
                container.Lifecycle?.PreStop is null ? $"container {container.Name} has no preStop hook" : null))).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_image_has_a_tag_other_than_latest(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        Violations(rendering, (_, template) => (template.Spec.InitContainers ?? []).Concat(template.Spec.Containers).Select(container =>
            ImageReference.Parse(container.Image) switch
            {
                { Digest: not null } => null,
                { Tag: null } => $"container {container.Name}: image {container.Image} has no tag",
                { Tag: "latest" } => $"container {container.Name}: image {container.Image} is tagged latest",
                _ => null,
            })).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task The_shop_namespace_enforces_the_restricted_standard_and_holds_every_object(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        var shop = rendering.Find("Namespace", "shop")?.As<V1Namespace>();
        shop.ShouldNotBeNull("Namespace/shop is not rendered");
        (shop.Metadata.Labels ?? new Dictionary<string, string>()).ShouldContainKeyAndValue("pod-security.kubernetes.io/enforce", "restricted");
        rendering.Objects.Where(o => o.Kind != "Namespace" && o.Namespace != "shop" && !IsClusterScoped(o))
            .Select(o => $"{o.Id} is in namespace {o.Namespace ?? "(none)"}").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_base_exposes_no_service_outside_the_cluster()
    {
        var rendering = await Kustomizations.RenderAsync(Kustomizations.Base);

        rendering.OfKind("Service").Select(o => o.As<V1Service>())
            .Where(s => s.Spec.Type is "LoadBalancer" or "NodePort" || s.Spec.ExternalIPs is { Count: > 0 })
            .Select(s => $"Service/{s.Metadata.Name} is of type {s.Spec.Type}").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Traffic_is_denied_unless_a_policy_allows_it_and_dns_is_allowed(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        var deny = rendering.Find("NetworkPolicy", "default-deny")?.As<V1NetworkPolicy>();
        deny.ShouldNotBeNull("NetworkPolicy/default-deny is not rendered");
        LabelSelectors.IsEmpty(deny.Spec.PodSelector).ShouldBeTrue("default-deny selects every pod");
        deny.Spec.PolicyTypes.ShouldBe(["Ingress", "Egress"], ignoreOrder: true);
        deny.Spec.Ingress.ShouldBeNull();
        deny.Spec.Egress.ShouldBeNull();

        var dns = rendering.Find("NetworkPolicy", "allow-dns")?.As<V1NetworkPolicy>();
        dns.ShouldNotBeNull("NetworkPolicy/allow-dns is not rendered");
        dns.Spec.Egress.ShouldNotBeNull().SelectMany(rule => rule.Ports ?? []).Select(port => $"{port.Protocol}/{port.Port?.Value}")
            .ShouldBe(["UDP/53", "TCP/53"], ignoreOrder: true);
    }

    private static bool IsClusterScoped(RenderedObject o) =>
        o.Kind is "ClusterRole" or "ClusterRoleBinding" or "ClusterSecretStore" or "CustomResourceDefinition" or "IngressClass"
            or "PriorityClass" or "StorageClass" or "ClusterTriggerAuthentication" or "PersistentVolume";

    /// <summary>Each workload's violations, as "overlay: Kind/name: violation".</summary>
    private static List<string> Violations(Rendering.Rendering rendering, Func<RenderedObject, V1PodTemplateSpec, IEnumerable<string?>> check) =>
    [
        .. rendering.Workloads.SelectMany(w => check(w.Object, w.Template).OfType<string>().Select(v => $"{rendering.Name}: {w.Object.Id}: {v}")),
    ];
}

using Shop.Kubernetes.Tests.Rendering;
using Shop.Kubernetes.Tests.Schema;
using Shouldly;

namespace Shop.Kubernetes.Tests;

/// <summary>k8s/base and every overlay render, and every object they render is one a Kubernetes 1.32 cluster takes as written.</summary>
public sealed class SchemaTests
{
    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Renders_with_kubectl_kustomize(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        rendering.Objects.ShouldNotBeEmpty();
        rendering.Objects.ShouldAllBe(o => o.ApiVersion != string.Empty && o.Kind != string.Empty && o.Name != string.Empty);
        rendering.Objects.Select(o => $"{o.ApiVersion}/{o.Kind}/{o.Namespace}/{o.Name}").ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_built_in_object_is_valid_for_Kubernetes_1_32_with_no_unknown_field(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        rendering.Objects.Where(IsBuiltIn).SelectMany(o => StrictSchema.Validate(o).Select(error => $"{o.Id}: {error}")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Kustomizations.AllData), MemberType = typeof(Kustomizations))]
    public async Task Every_custom_resource_is_valid_against_its_CRD_schema_with_no_unknown_field(string kustomization)
    {
        var rendering = await Kustomizations.RenderAsync(kustomization);

        // Whatever is not a built-in kind goes to tools/k8s-validate, which fails a kind it has no schema for.
        (await CustomResourceSchemas.ValidateAsync(rendering.Objects.Where(o => !IsBuiltIn(o)), TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    /// <summary>Kubernetes' own API groups: the core group, the unqualified ones (apps, batch…) and *.k8s.io.</summary>
    public static bool IsBuiltIn(RenderedObject manifest) =>
        BuiltInKinds.TypeOf(manifest.ApiVersion, manifest.Kind) is not null
        || !manifest.Group.Contains('.')
        || manifest.Group.EndsWith(".k8s.io", StringComparison.Ordinal);
}

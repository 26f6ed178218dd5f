using k8s;
using Shop.Kubernetes.Tests.Rendering;
using Shop.Kubernetes.Tests.Schema;
using Shouldly;
using YamlDotNet.Core;

namespace Shop.Kubernetes.Tests;

/// <summary>The schema checks fail what the API server would refuse (inline objects, not k8s/ files).</summary>
public sealed class StrictValidationTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog
          labels: { app.kubernetes.io/name: catalog }
        spec:
          replicas: 2
          selector:
            matchLabels: { app.kubernetes.io/name: catalog }
          template:
            metadata:
              labels: { app.kubernetes.io/name: catalog }
            spec:
              containers:
                - name: catalog
                  image: shop/catalog:dev
                  ports:
                    - { name: http, containerPort: 8080 }
                  env:
                    - { name: DOTNET_gcServer, value: "0" }
                  resources:
                    limits: { cpu: "1", memory: 384Mi }
                  securityContext:
                    readOnlyRootFilesystem: true
        """;

    private const string ScaledObject = """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: catalog
        spec:
          scaleTargetRef:
            name: catalog
          minReplicaCount: 2
          maxReplicaCount: 10
          triggers:
            - type: aws-sqs-queue
              authenticationRef: { name: sqs }
              metadata:
                queueURL: https://sqs.eu-west-1.amazonaws.com/123456789012/shop-prod-catalog
                queueLength: "20"
                awsRegion: eu-west-1
        """;

    private static RenderedObject Parse(string yaml) => Rendering.Rendering.Parse("inline", yaml).Objects.Single();

    [Fact]
    public void A_valid_deployment_passes()
    {
        StrictSchema.Validate(Parse(Deployment)).ShouldBeEmpty();
    }

    [Fact]
    public void A_misspelled_field_anywhere_in_a_built_in_object_fails()
    {
        var errors = StrictSchema.Validate(Parse(Deployment.Replace("securityContext:", "securityContxt:", StringComparison.Ordinal)));

        errors.ShouldBe(["spec.template.spec.containers[0].securityContxt: unknown field (V1Container has no such property)"]);
    }

    [Fact]
    public void KubernetesClient_s_own_strict_mode_also_rejects_the_misspelled_field()
    {
        var misspelled = Deployment.Replace("securityContext:", "securityContxt:", StringComparison.Ordinal);

        KubernetesYaml.LoadAllFromString(misspelled).ShouldHaveSingleItem(); // Its default silently drops the field.
        Should.Throw<YamlException>(() => KubernetesYaml.LoadAllFromString(misspelled, strict: true)).Message.ShouldContain("securityContxt");
    }

    [Fact]
    public void Values_of_the_wrong_type_missing_required_fields_and_bad_quantities_fail()
    {
        var yaml = Deployment
            .Replace("replicas: 2", "replicas: \"2\"", StringComparison.Ordinal)
            .Replace("value: \"0\"", "value: 0", StringComparison.Ordinal)
            .Replace("{ name: http, containerPort: 8080 }", "{ name: http }", StringComparison.Ordinal)
            .Replace("memory: 384Mi", "memory: 384MB", StringComparison.Ordinal);

        StrictSchema.Validate(Parse(yaml)).ShouldBe(
            [
                "spec.replicas: int expected, not the string \"2\"",
                "spec.template.spec.containers[0].env[0].value: a string is expected, not the int 0 (quote it)",
                "spec.template.spec.containers[0].resources.limits[memory]: 384MB is no quantity (unable to parse quantity's suffix)",
                "spec.template.spec.containers[0].ports[0].containerPort: required field missing (V1ContainerPort)",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void A_kind_newer_than_Kubernetes_1_32_or_unknown_fails()
    {
        StrictSchema.Validate(Parse("apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: { name: gpu }\n"))
            .ShouldContain("apiVersion resource.k8s.io/v1 is not served by default by a Kubernetes 1.32 API server");
    }

    [Fact]
    public async Task A_valid_custom_resource_passes()
    {
        (await CustomResourceSchemas.ValidateAsync([Parse(ScaledObject)], TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_misspelled_field_in_a_custom_resource_fails()
    {
        var misspelled = Parse(ScaledObject.Replace("maxReplicaCount", "maxReplicaCont", StringComparison.Ordinal).Replace("queueLength: \"20\"", "queueLength: 20", StringComparison.Ordinal));

        (await CustomResourceSchemas.ValidateAsync([misspelled], TestContext.Current.CancellationToken)).ShouldBe(
            [
                "ScaledObject/catalog (keda.sh/v1alpha1): spec.triggers[0].metadata.queueLength: must be string",
                "ScaledObject/catalog (keda.sh/v1alpha1): spec.maxReplicaCont: unknown field",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public async Task A_custom_resource_without_a_schema_fails()
    {
        var unknown = Parse("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: shop }\nspec: { secretName: shop-tls }\n");

        (await CustomResourceSchemas.ValidateAsync([unknown], TestContext.Current.CancellationToken)).ShouldHaveSingleItem()
            .ShouldStartWith("Certificate/shop (cert-manager.io/v1): no schema for cert-manager.io/v1/Certificate");
    }
}

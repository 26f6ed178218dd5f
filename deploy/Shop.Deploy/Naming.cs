using Shop.Contracts.Topology;

namespace Shop.Deploy;

/// <summary>Names that the stacks, buildspec.yml and operators' commands share; each derives from the prefix and the service list.</summary>
public static class Naming
{
    public static string Cluster(DeploySettings settings) => settings.Prefix;

    /// <summary>The ECS service, its task definition family and its ECR repository's last segment.</summary>
    public static string Service(DeploySettings settings, ShopServiceDefinition service) => $"{settings.Prefix}-{service.Name}";

    /// <summary><c>shop-prod/catalog</c>: buildspec.yml pushes to <c>$REGISTRY/$SERVICE</c> with REGISTRY ending in the prefix.</summary>
    public static string Repository(DeploySettings settings, ShopServiceDefinition service) => $"{settings.Prefix}/{service.Name}";

    /// <summary>The application container in every task definition is named after the service.</summary>
    public static string Container(ShopServiceDefinition service) => service.Name;

    /// <summary>The service's IAM role: its ECS tasks' task role, and its pods' role on EKS (Pod Identity).</summary>
    public static string WorkloadRole(DeploySettings settings, ShopServiceDefinition service) => $"{settings.Prefix}-{service.Name}-workload";

    public static string LogGroup(DeploySettings settings, ShopServiceDefinition service) => $"/{settings.Prefix}/{service.Name}";
}

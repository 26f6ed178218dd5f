using Shop.Contracts.Topology;

namespace Shop.AppHost;

public static class ShopServiceExtensions
{
    /// <summary>One of the shop's ASP.NET Core services: Development settings, ready when <c>/health/ready</c> says so.</summary>
    public static IResourceBuilder<ProjectResource> AddShopService<TProject>(this IDistributedApplicationBuilder builder, ShopServiceDefinition service)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(service.Name, launchProfileName: null)
            .WithHttpEndpoint(port: service.LocalPort, name: "http")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithHttpHealthCheck("/health/ready");

    /// <summary>The gateway's cluster named after <paramref name="backend"/> forwards to it; the gateway starts once it is ready.</summary>
    public static IResourceBuilder<ProjectResource> WithRoute(
        this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> backend) =>
        gateway
            .WithEnvironment($"ReverseProxy__Clusters__{backend.Resource.Name}__Destinations__primary__Address", backend.GetEndpoint("http"))
            .WaitFor(backend);
}

using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Constructs;
using Shop.Contracts.Topology;

namespace Shop.Deploy.Services;

/// <summary>
/// One ECR repository per service and the gateway. A stack of its own: images must be pushed (by the pipeline or
/// by hand) before the services stack can start tasks from them.
/// </summary>
public sealed class RegistryStack : Stack
{
    /// <summary>Images kept per repository; older ones expire (a rollback goes back a few releases, not fifty).</summary>
    public const int ImagesKept = 30;

    public IReadOnlyDictionary<string, Repository> Repositories { get; }

    public RegistryStack(Construct scope, string id, IStackProps props, DeploySettings settings)
        : base(scope, id, props)
    {
        Repositories = ShopServices.All.ToDictionary(service => service.Name, service => new Repository(this, $"Repository-{service.Name}", new RepositoryProps
        {
            RepositoryName = Naming.Repository(settings, service),
            // A tag (the commit) names one image for ever: a deployment and its rollback mean what they say.
            ImageTagMutability = TagMutability.IMMUTABLE,
            ImageScanOnPush = true,
            LifecycleRules = [new LifecycleRule { MaxImageCount = ImagesKept, Description = $"Keep the last {ImagesKept} images" }],
            RemovalPolicy = RemovalPolicy.RETAIN,
        }));
    }
}

using System.Text.RegularExpressions;
using Constructs;

namespace Shop.Deploy;

/// <summary>How blue/green deployments run: ECS's own (the default) or through CodeDeploy.</summary>
public enum DeploymentRoute
{
    Ecs,
    CodeDeploy,
}

/// <summary>
/// The CDK context values that shape an environment (<c>cdk deploy -c prefix=shop-staging</c>, or cdk.json):
/// <list type="bullet">
/// <item><c>prefix</c>: the environment's name, the prefix of every physical name and the services' <c>Messaging__Prefix</c>.</item>
/// <item><c>deploymentRoute</c>: <c>ecs</c> (ECS-native blue/green) or <c>codedeploy</c>.</item>
/// <item><c>imageTag</c>: the image every service starts from when its stack is first deployed; afterwards the pipeline sets it.</item>
/// <item><c>certificateArn</c> (optional): an ACM certificate for the public load balancer; without one it listens on HTTP only.</item>
/// <item><c>alarmEmail</c> (optional): who is mailed when an alarm fires.</item>
/// </list>
/// </summary>
public sealed partial record DeploySettings(
    string Prefix, DeploymentRoute Route, string ImageTag, string? CertificateArn = null, string? AlarmEmail = null)
{
    public static DeploySettings Default { get; } = new("shop-prod", DeploymentRoute.Ecs, "initial");

    public static DeploySettings From(Node node)
    {
        var prefix = Context(node, "prefix") ?? Default.Prefix;
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"Context 'prefix' must be 1-20 lower-case letters, digits or dashes, starting with a letter; got '{prefix}'.");
        }

        var route = Context(node, "deploymentRoute") switch
        {
            null or "ecs" => DeploymentRoute.Ecs,
            "codedeploy" => DeploymentRoute.CodeDeploy,
            var other => throw new ArgumentException($"Context 'deploymentRoute' must be 'ecs' or 'codedeploy'; got '{other}'."),
        };

        return new DeploySettings(prefix, route, Context(node, "imageTag") ?? Default.ImageTag, Context(node, "certificateArn"), Context(node, "alarmEmail"));
    }

    /// <summary><c>shop-prod</c> + <c>ordering-events</c>: the same rule the services use to find their topics and queues.</summary>
    public string PhysicalName(string logicalName) => Shop.Contracts.Topology.PhysicalName.Of(Prefix, logicalName);

    private static string? Context(Node node, string key) => node.TryGetContext(key) is string { Length: > 0 } value ? value : null;

    // Short enough that "<prefix>-notification-dlq" and the load balancer's and target groups' names (32 characters at most) fit.
    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex PrefixPattern();
}

using Amazon.CDK;
using Shop.Deploy.Data;
using Shop.Deploy.Identity;
using Shop.Deploy.Messaging;
using Shop.Deploy.Network;
using Shop.Deploy.Observability;
using Shop.Deploy.Pipeline;
using Shop.Deploy.Services;

namespace Shop.Deploy;

/// <summary>The shop's stacks, in the order they deploy. Each takes only what it needs from the ones before.</summary>
public static class ShopApp
{
    public static void Build(App app, DeploySettings settings)
    {
        // Account and region from the CLI's profile (cdk deploy); unset, the templates stay environment-agnostic.
        var props = new StackProps
        {
            Env = new Amazon.CDK.Environment
            {
                Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
                Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
            },
        };

        var network = new NetworkStack(app, StackName(settings, "network"), props);
        var data = new DataStack(app, StackName(settings, "data"), props, settings, network.Vpc);
        var messaging = new MessagingStack(app, StackName(settings, "messaging"), props, settings);
        var identity = new IdentityStack(app, StackName(settings, "identity"), props, settings);
        var registry = new RegistryStack(app, StackName(settings, "registry"), props, settings);
        var services = new ServicesStack(
            app, StackName(settings, "services"), props, settings, new ServicesDependencies(network, data, messaging, identity, registry));
        _ = new DashboardStack(app, StackName(settings, "dashboard"), props, settings, services, messaging);
        _ = new PipelineStack(app, StackName(settings, "pipeline"), props, settings, registry, services);
    }

    public static string StackName(DeploySettings settings, string part) => $"{settings.Prefix}-{part}";
}

using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CodeDeploy;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Shop.Contracts.Topology;
using Shop.Deploy.Services;

namespace Shop.Deploy.Deployment;

/// <summary>
/// The CodeDeploy route (context <c>deploymentRoute=codedeploy</c>) for the gateway: a canary of 10% of production
/// traffic for five minutes after the smoke test (appspec.yaml's AfterAllowTestTraffic hook), rolled back by the same
/// alarms. CodeDeploy's ECS blue/green needs a load balancer target group pair, which only the gateway has.
/// </summary>
public static class CodeDeployBlueGreen
{
    public static EcsDeploymentGroup ForGateway(
        Construct scope, DeploySettings settings, FargateService gateway, PublicEntrance entrance, IEnumerable<Alarm> alarms, SmokeTest smokeTest)
    {
        var group = new EcsDeploymentGroup(scope, "GatewayDeploymentGroup", new EcsDeploymentGroupProps
        {
            Application = new EcsApplication(scope, "DeployApplication", new EcsApplicationProps { ApplicationName = settings.Prefix }),
            DeploymentGroupName = Naming.Service(settings, ShopServices.Gateway),
            Service = gateway,
            BlueGreenDeploymentConfig = new EcsBlueGreenDeploymentConfig
            {
                BlueTargetGroup = entrance.Blue,
                GreenTargetGroup = entrance.Green,
                Listener = entrance.ProductionListener,
                TestListener = entrance.TestListener,
                // Blue stays up this long after the shift: a rollback in that window is instant.
                TerminationWaitTime = Duration.Minutes(10),
            },
            DeploymentConfig = EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES,
            Alarms = [.. alarms],
            AutoRollback = new AutoRollbackConfig { FailedDeployment = true, StoppedDeployment = true, DeploymentInAlarm = true },
        });

        smokeTest.Function.GrantInvoke(group.Role);
        smokeTest.Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["codedeploy:PutLifecycleEventHookExecutionStatus"],
            Resources = [group.DeploymentGroupArn],
        }));
        return group;
    }
}

using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;

namespace Shop.Deploy.Deployment;

/// <summary>Where a blue/green deployment sends test traffic: a load balancer's rules, or Service Connect's header rule.</summary>
public abstract record TestTraffic
{
    private TestTraffic()
    {
    }

    /// <summary>The production and test listener rules whose weights ECS shifts between the two target groups.</summary>
    public sealed record LoadBalancer(
        ApplicationTargetGroup Alternate, ApplicationListenerRule ProductionRule, ApplicationListenerRule TestRule, IRole Role) : TestTraffic;

    /// <summary>Requests with this header and value reach the new revision through Service Connect.</summary>
    public sealed record ServiceConnectHeader(string Name, string Value) : TestTraffic;
}

/// <summary>
/// ECS-native blue/green (July 2025) on an L2 FargateService. CDK 2.160 predates its properties (L2 support came in
/// 2.211), so they are CloudFormation property overrides, all here, checked by DeploymentTests and cfn-lint's schema.
/// </summary>
public static class EcsBlueGreen
{
    /// <summary>The hook's stage: the new revision has test traffic and no production traffic yet.</summary>
    public const string SmokeTestStage = "POST_TEST_TRAFFIC_SHIFT";

    public static void Apply(FargateService service, TestTraffic testTraffic, IRole hookRole, string hookFunctionArn, IEnumerable<Alarm> rollbackAlarms, TimeSpan bakeTime)
    {
        var resource = (CfnService)service.Node.DefaultChild!;
        resource.AddPropertyOverride("DeploymentController.Type", "ECS");
        resource.AddPropertyOverride("DeploymentConfiguration.Strategy", "BLUE_GREEN");
        resource.AddPropertyOverride("DeploymentConfiguration.BakeTimeInMinutes", (int)bakeTime.TotalMinutes);
        resource.AddPropertyOverride("DeploymentConfiguration.LifecycleHooks", new object[]
        {
            new Dictionary<string, object>
            {
                ["HookTargetArn"] = hookFunctionArn,
                ["RoleArn"] = hookRole.RoleArn,
                ["LifecycleStages"] = new[] { SmokeTestStage },
            },
        });
        RollBackOn(resource, rollbackAlarms);

        switch (testTraffic)
        {
            case TestTraffic.LoadBalancer balancer:
                resource.AddPropertyOverride("LoadBalancers.0.AdvancedConfiguration", new Dictionary<string, object>
                {
                    ["AlternateTargetGroupArn"] = balancer.Alternate.TargetGroupArn,
                    ["ProductionListenerRule"] = balancer.ProductionRule.ListenerRuleArn,
                    ["TestListenerRule"] = balancer.TestRule.ListenerRuleArn,
                    ["RoleArn"] = balancer.Role.RoleArn,
                });
                break;
            case TestTraffic.ServiceConnectHeader header:
                resource.AddPropertyOverride("ServiceConnectConfiguration.Services.0.ClientAliases.0.TestTrafficRules", new Dictionary<string, object>
                {
                    ["Header"] = new Dictionary<string, object>
                    {
                        ["Name"] = header.Name,
                        ["Value"] = new Dictionary<string, object> { ["Exact"] = header.Value },
                    },
                });
                break;
        }
    }

    /// <summary>Any of these alarms firing during a deployment rolls it back (also for rolling deployments).</summary>
    public static void RollBackOn(CfnService resource, IEnumerable<Alarm> alarms) =>
        resource.AddPropertyOverride("DeploymentConfiguration.Alarms", new Dictionary<string, object>
        {
            ["AlarmNames"] = alarms.Select(alarm => alarm.AlarmName).ToArray(),
            ["Enable"] = true,
            ["Rollback"] = true,
        });

    /// <summary>The role ECS uses to move listener rule weights between the target groups.</summary>
    public static Role LoadBalancerRole(Constructs.Construct scope, string id)
    {
        var role = new Role(scope, id, new RoleProps { AssumedBy = new ServicePrincipal("ecs.amazonaws.com") });
        role.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("AmazonECSInfrastructureRolePolicyForLoadBalancers"));
        return role;
    }
}

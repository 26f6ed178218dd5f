using System.Text.Json.Nodes;
using Shop.Contracts.Topology;
using Shop.Deploy.Deployment;
using Shop.Deploy.Services;
using Shop.Deploy.Tests.CloudFormation;

namespace Shop.Deploy.Tests;

/// <summary>How every service deploys: blue/green with a smoke test on test traffic and rollback on its alarms.</summary>
public sealed class DeploymentTests
{
    [Fact]
    public void On_the_ecs_route_every_service_deploys_blue_green_with_a_smoke_test_and_alarm_rollback()
    {
        var app = SynthesizedApp.For(DeploymentRoute.Ecs);
        var cfn = app.Cfn;

        foreach (var definition in ShopServices.All)
        {
            var service = ServiceOf(app, definition);
            var deployment = service.Properties["DeploymentConfiguration"]!;
            ((string)service.Properties["DeploymentController"]!["Type"]!).ShouldBe("ECS");
            ((string)deployment["Strategy"]!).ShouldBe("BLUE_GREEN", definition.Name);
            ((int)deployment["BakeTimeInMinutes"]!).ShouldBeGreaterThan(0);
            ((bool)deployment["DeploymentCircuitBreaker"]!["Rollback"]!).ShouldBeTrue();
            ((int)deployment["MaximumPercent"]!).ShouldBe(200, "green runs beside blue at full size");
            AlarmsRollBack(cfn, service, deployment["Alarms"]!);

            var hook = deployment["LifecycleHooks"]!.AsArray().ShouldHaveSingleItem()!;
            hook["LifecycleStages"]!.AsArray().Select(s => (string)s!).ShouldBe([EcsBlueGreen.SmokeTestStage]);
            cfn.Resolve(service.Stack, hook["HookTargetArn"])!.String("FunctionName").ShouldBe($"{app.Settings.Prefix}-smoke-test");
            cfn.Resolve(service.Stack, hook["RoleArn"]).ShouldNotBeNull().Type.ShouldBe("AWS::IAM::Role");
        }
    }

    [Fact]
    public void On_the_ecs_route_the_gateways_new_revision_gets_the_test_listener_and_services_get_a_test_header()
    {
        var app = SynthesizedApp.For(DeploymentRoute.Ecs);
        var cfn = app.Cfn;

        var gateway = ServiceOf(app, ShopServices.Gateway);
        var balancer = gateway.Properties["LoadBalancers"]!.AsArray().ShouldHaveSingleItem()!;
        var advanced = balancer["AdvancedConfiguration"]!;
        var blue = cfn.Resolve(gateway.Stack, balancer["TargetGroupArn"])!;
        var green = cfn.Resolve(gateway.Stack, advanced["AlternateTargetGroupArn"])!;
        green.ShouldNotBe(blue);
        PortOfRule(cfn, gateway.Stack, advanced["TestListenerRule"]).ShouldBe(PublicEntrance.TestPort);
        PortOfRule(cfn, gateway.Stack, advanced["ProductionListenerRule"]).ShouldBe(80);
        foreach (var rule in new[] { advanced["TestListenerRule"], advanced["ProductionListenerRule"] })
        {
            var forwarded = cfn.Resolve(gateway.Stack, rule)!.Properties["Actions"]![0]!["ForwardConfig"]!["TargetGroups"]!.AsArray()
                .Select(t => cfn.Resolve(gateway.Stack, t!["TargetGroupArn"])).ToList();
            forwarded.ShouldBe([blue, green], ignoreOrder: true);
        }

        foreach (var definition in ShopServices.BehindGateway)
        {
            var alias = ServiceOf(app, definition).Properties["ServiceConnectConfiguration"]!["Services"]![0]!["ClientAliases"]![0]!;
            ((string)alias["DnsName"]!).ShouldBe(definition.Name);
            var header = alias["TestTrafficRules"]!["Header"]!;
            ((string)header["Name"]!).ShouldBe(SmokeTest.TestTrafficHeader);
            ((string)header["Value"]!["Exact"]!).ShouldBe(definition.Name);
        }
    }

    [Fact]
    public void On_the_codedeploy_route_the_gateway_deploys_a_canary_with_a_test_listener_and_alarm_rollback()
    {
        var app = SynthesizedApp.For(DeploymentRoute.CodeDeploy);
        var cfn = app.Cfn;

        var gateway = ServiceOf(app, ShopServices.Gateway);
        ((string)gateway.Properties["DeploymentController"]!["Type"]!).ShouldBe("CODE_DEPLOY");
        var group = cfn.OfType("AWS::CodeDeploy::DeploymentGroup").ShouldHaveSingleItem();
        group.String("DeploymentGroupName").ShouldBe(Naming.Service(app.Settings, ShopServices.Gateway));
        ((string)group.Properties["DeploymentConfigName"]!).ShouldBe("CodeDeployDefault.ECSCanary10Percent5Minutes");
        group.Properties["AutoRollbackConfiguration"]!["Events"]!.AsArray().Select(e => (string)e!)
            .ShouldBe(["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST", "DEPLOYMENT_STOP_ON_ALARM"], ignoreOrder: true);
        group.Properties["AlarmConfiguration"]!["Alarms"]!.AsArray().Select(a => CfnResource.Text(a!["Name"]) ?? cfn.Resolve(group.Stack, a!["Name"])!.String("AlarmName")!)
            .ShouldBe(AlarmNames(cfn, Naming.Service(app.Settings, ShopServices.Gateway)), ignoreOrder: true);
        var routes = group.Properties["LoadBalancerInfo"]!["TargetGroupPairInfoList"]![0]!;
        routes["TestTrafficRoute"]!["ListenerArns"]!.AsArray().Select(l => (int)cfn.Resolve(group.Stack, l)!.Properties["Port"]!)
            .ShouldBe([PublicEntrance.TestPort]);

        foreach (var definition in ShopServices.BehindGateway)
        {
            var service = ServiceOf(app, definition);
            ((string)service.Properties["DeploymentController"]!["Type"]!).ShouldBe("ECS");
            ((bool)service.Properties["DeploymentConfiguration"]!["DeploymentCircuitBreaker"]!["Rollback"]!).ShouldBeTrue();
            AlarmsRollBack(cfn, service, service.Properties["DeploymentConfiguration"]!["Alarms"]!);
            // Without Service Connect the CodeDeploy-deployed gateway finds the services by DNS.
            service.Properties["ServiceRegistries"].ShouldNotBeNull();
        }
    }

    [Theory]
    [InlineData(DeploymentRoute.Ecs)]
    [InlineData(DeploymentRoute.CodeDeploy)]
    public void The_pipeline_deploys_every_service_from_the_builds_artifacts(DeploymentRoute route)
    {
        var app = SynthesizedApp.For(route);
        var pipeline = app.Cfn.OfType("AWS::CodePipeline::Pipeline").ShouldHaveSingleItem();
        ((string)pipeline.Properties["PipelineType"]!).ShouldBe("V2");
        var stages = pipeline.Properties["Stages"]!.AsArray().ToDictionary(s => (string)s!["Name"]!, s => s!["Actions"]!.AsArray());
        stages.Keys.ShouldBe(["Source", "Build", "Deploy"]);
        ((string)stages["Source"][0]!["ActionTypeId"]!["Provider"]!).ShouldBe("CodeStarSourceConnection");

        var built = stages["Build"][0]!["OutputArtifacts"]!.AsArray().Select(a => (string)a!["Name"]!).ToList();
        built.ShouldContain(DeployArtifacts.BuildOutput);
        var deploys = stages["Deploy"].Select(a => a!.AsObject()).ToList();
        deploys.Select(a => (string)a["Name"]!).ShouldBe(ShopServices.All.Select(s => $"Deploy-{s.Name}"), ignoreOrder: true);
        foreach (var action in deploys)
        {
            var provider = (string)action["ActionTypeId"]!["Provider"]!;
            var configuration = action["Configuration"]!;
            var service = ((string)action["Name"]!)["Deploy-".Length..];
            if (provider == "ECS")
            {
                ((string)configuration["FileName"]!).ShouldBe(DeployArtifacts.ImageDefinitions(service));
                ((string)action["InputArtifacts"]![0]!["Name"]!).ShouldBe(DeployArtifacts.BuildOutput);
            }
            else
            {
                provider.ShouldBe("CodeDeployToECS");
                route.ShouldBe(DeploymentRoute.CodeDeploy);
                ((string)configuration["TaskDefinitionTemplatePath"]!).ShouldBe(DeployArtifacts.TaskDefinition);
                ((string)configuration["AppSpecTemplatePath"]!).ShouldBe(DeployArtifacts.AppSpec);
                ((string)configuration["Image1ContainerName"]!).ShouldBe(DeployArtifacts.ImagePlaceholder);
                built.ShouldContain((string)configuration["Image1ArtifactName"]!);
            }
        }
    }

    private static CfnResource ServiceOf(SynthesizedApp app, ShopServiceDefinition definition) =>
        app.Cfn.OfType("AWS::ECS::Service").Single(s => s.String("ServiceName") == Naming.Service(app.Settings, definition));

    private static void AlarmsRollBack(CfnApp cfn, CfnResource service, JsonNode alarms)
    {
        ((bool)alarms["Enable"]!).ShouldBeTrue();
        ((bool)alarms["Rollback"]!).ShouldBeTrue();
        // A name is the alarm's Ref (its name) or, from another stack, the literal.
        var names = alarms["AlarmNames"]!.AsArray().Select(a => CfnResource.Text(a) ?? cfn.Resolve(service.Stack, a)!.String("AlarmName")!).ToList();
        names.ShouldBe(AlarmNames(cfn, service.String("ServiceName")!), ignoreOrder: true);
        names.ShouldContain(n => n.EndsWith("-5xx", StringComparison.Ordinal));
        names.ShouldContain(n => n.EndsWith("-p99", StringComparison.Ordinal));
    }

    private static readonly string[] AlarmKinds = ["5xx", "p99", "dead-letters", "oldest-message"];

    /// <summary>The service's alarms in the templates, by their names (<c>shop-prod-catalog-5xx</c>).</summary>
    private static List<string> AlarmNames(CfnApp cfn, string service) => cfn.OfType("AWS::CloudWatch::Alarm")
        .Select(alarm => alarm.String("AlarmName")!)
        .Where(name => AlarmKinds.Any(kind => name == $"{service}-{kind}"))
        .ToList();

    private static int PortOfRule(CfnApp cfn, string stack, JsonNode? rule) =>
        (int)cfn.Resolve(stack, cfn.Resolve(stack, rule)!.Properties["ListenerArn"])!.Properties["Port"]!;
}

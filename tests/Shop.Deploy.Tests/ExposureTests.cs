using System.Text.Json.Nodes;
using Shop.Deploy.Services;
using Shop.Deploy.Tests.CloudFormation;

namespace Shop.Deploy.Tests;

/// <summary>Only the load balancer's listeners face the internet; everything else is private.</summary>
public sealed class ExposureTests
{
    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void No_security_group_admits_the_internet_except_the_load_balancers_listener_ports(DeploymentRoute route)
    {
        var app = SynthesizedApp.For(route);
        var cfn = app.Cfn;
        var balancerGroup = cfn.OfType("AWS::EC2::SecurityGroup").Single(group => group.String("GroupDescription") == "The public load balancer");
        var listenerPorts = cfn.OfType("AWS::ElasticLoadBalancingV2::Listener").Select(listener => (int)listener.Properties["Port"]!).ToHashSet();

        var open = Ingress(cfn).Where(rule => CfnResource.Text(rule.Rule["CidrIp"]) == "0.0.0.0/0" || CfnResource.Text(rule.Rule["CidrIpv6"]) == "::/0").ToList();

        open.ShouldNotBeEmpty();
        foreach (var (group, rule) in open)
        {
            group.ShouldBe(balancerGroup, $"{group} admits the internet");
            var port = (int)rule["FromPort"]!;
            ((int)rule["ToPort"]!).ShouldBe(port);
            listenerPorts.ShouldContain(port);
            port.ShouldNotBe(PublicEntrance.TestPort, "the test listener is for the VPC's own smoke tests");
        }
    }

    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Nothing_but_the_load_balancer_is_reachable_from_the_internet(DeploymentRoute route)
    {
        var cfn = SynthesizedApp.For(route).Cfn;

        var balancers = cfn.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer").ToList();
        balancers.Where(b => b.String("Scheme") != "internal").ShouldHaveSingleItem();
        cfn.OfType("AWS::ECS::Service").ShouldAllBe(service =>
            (string)service.Properties["NetworkConfiguration"]!["AwsvpcConfiguration"]!["AssignPublicIp"]! == "DISABLED");
        cfn.OfType("AWS::RDS::DBInstance").ShouldAllBe(instance => (bool?)instance.Properties["PubliclyAccessible"] != true);
        cfn.OfType("AWS::S3::Bucket").ShouldAllBe(bucket => bucket.Properties["PublicAccessBlockConfiguration"] != null);
        cfn.Resources.ShouldNotContain(resource =>
            resource.Type == "AWS::Lambda::Url" || resource.Type.StartsWith("AWS::ApiGateway", StringComparison.Ordinal)
            || resource.Type.StartsWith("AWS::ApiGatewayV2", StringComparison.Ordinal));
        cfn.OfType("AWS::Lambda::Permission").ShouldAllBe(permission => (string?)permission.String("Principal") != "*");
    }

    [Fact]
    public void Tasks_run_in_private_subnets_and_the_database_in_isolated_ones()
    {
        var cfn = SynthesizedApp.For(DeploymentRoute.Ecs).Cfn;
        var publicSubnets = cfn.OfType("AWS::EC2::Subnet").Where(subnet => (bool?)subnet.Properties["MapPublicIpOnLaunch"] == true).Select(s => s.LogicalId).ToHashSet();

        foreach (var service in cfn.OfType("AWS::ECS::Service"))
        {
            foreach (var subnet in service.Properties["NetworkConfiguration"]!["AwsvpcConfiguration"]!["Subnets"]!.AsArray())
            {
                cfn.Resolve(service.Stack, subnet).ShouldNotBeNull().LogicalId.ShouldNotBeOneOf([.. publicSubnets]);
            }
        }

        var subnetGroup = cfn.OfType("AWS::RDS::DBSubnetGroup").ShouldHaveSingleItem();
        subnetGroup.Properties["SubnetIds"]!.AsArray().ShouldAllBe(subnet =>
            cfn.Resolve(subnetGroup.Stack, subnet)!.LogicalId.Contains(Network.NetworkStack.DataSubnets, StringComparison.Ordinal));
    }

    private static IEnumerable<(CfnResource Group, JsonObject Rule)> Ingress(CfnApp cfn) =>
        cfn.OfType("AWS::EC2::SecurityGroup")
            .SelectMany(group => (group.Properties["SecurityGroupIngress"]?.AsArray() ?? []).Select(rule => (group, rule!.AsObject())))
            .Concat(cfn.OfType("AWS::EC2::SecurityGroupIngress")
                .Select(rule => (cfn.Resolve(rule.Stack, rule.Properties["GroupId"])!, rule.Properties)));
}

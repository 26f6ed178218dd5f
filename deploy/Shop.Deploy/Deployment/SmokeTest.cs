using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Shop.Contracts.Topology;
using Shop.Deploy.Services;

namespace Shop.Deploy.Deployment;

/// <summary>One request a new revision must answer before production traffic moves to it.</summary>
public sealed record SmokeCheck(string Url, int Status, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// The function both deployment routes call between test and production traffic (smoke-test.js). The gateway's new
/// revision is reached on the load balancer's test listener; a service's through the gateway with Service Connect's
/// test-traffic header, which routes only that request to the service's new revision.
/// </summary>
public sealed class SmokeTest : Construct
{
    /// <summary>Service Connect routes requests carrying this header, valued with the service's name, to its new revision.</summary>
    public const string TestTrafficHeader = "x-shop-test-traffic";

    public Function Function { get; }

    public SmokeTest(Construct scope, string id, DeploySettings settings, IVpc vpc, PublicEntrance entrance)
        : base(scope, id)
    {
        var securityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "The smoke-test function",
            AllowAllOutbound = true,
        });

        var environment = new Dictionary<string, string>
        {
            ["CHECKS"] = JsonSerializer.Serialize(Checks(settings, entrance), JsonOptions),
            ["CODEDEPLOY_SERVICE"] = Naming.Service(settings, ShopServices.Gateway),
        };
        if (entrance.UsesTls)
        {
            // The certificate names the shop's domain, not the load balancer's DNS name the checks use.
            environment["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = $"{settings.Prefix}-smoke-test",
            Runtime = Runtimes.NodeJs22,
            Handler = "index.handler",
            Code = Code.FromInline(EmbeddedText.Read("Deployment/smoke-test.js")),
            Timeout = Duration.Minutes(2),
            Description = "Smoke-tests a new revision before production traffic shifts to it",
            // In the VPC so its requests leave through the NAT address the test listener admits.
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetGroupName = Network.NetworkStack.TaskSubnets },
            SecurityGroups = [securityGroup],
            Environment = environment,
            LogGroup = new LogGroup(this, "Logs", new LogGroupProps
            {
                Retention = RetentionDays.ONE_MONTH,
                RemovalPolicy = RemovalPolicy.DESTROY,
            }),
        });
    }

    /// <summary>A role ECS assumes to call the function from a deployment's lifecycle hook.</summary>
    public Role InvokerRole(Construct scope, string id)
    {
        var role = new Role(scope, id, new RoleProps { AssumedBy = new ServicePrincipal("ecs.amazonaws.com") });
        Function.GrantInvoke(role);
        return role;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static Dictionary<string, SmokeCheck[]> Checks(DeploySettings settings, PublicEntrance entrance)
    {
        var test = entrance.Url(PublicEntrance.TestPort);
        var production = entrance.Url(entrance.ProductionPort);
        var checks = new Dictionary<string, SmokeCheck[]>
        {
            [Naming.Service(settings, ShopServices.Gateway)] =
            [
                new($"{test}/health/ready", 200),
                new($"{test}/api/catalog/products?pageSize=1", 200),
                // Authentication is on: an order list without a token is refused.
                new($"{test}/api/orders", 401),
            ],
        };
        foreach (var service in ShopServices.BehindGateway)
        {
            var header = new Dictionary<string, string> { [TestTrafficHeader] = service.Name };
            var serviceChecks = new List<SmokeCheck> { new($"{production}/openapi/{service.Name}.json", 200, header) };
            if (service == ShopServices.Catalog)
            {
                serviceChecks.Add(new($"{production}/api/catalog/products?pageSize=1", 200, header));
            }

            checks[Naming.Service(settings, service)] = [.. serviceChecks];
        }

        return checks;
    }
}

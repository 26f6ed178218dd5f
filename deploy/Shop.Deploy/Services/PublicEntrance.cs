using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;
using Shop.Contracts.Topology;

namespace Shop.Deploy.Services;

/// <summary>
/// The only thing reachable from the internet: an application load balancer in front of the gateway. Its production
/// listener is open to everyone; its test listener, where a new gateway revision is smoke-tested before it takes
/// production traffic, only to the VPC's own NAT address (the smoke-test function runs in the VPC). Two target
/// groups (blue, green) take turns serving the gateway's current and next revision.
/// </summary>
public sealed class PublicEntrance : Construct
{
    public const int TestPort = 9000;

    public ApplicationLoadBalancer LoadBalancer { get; }

    public SecurityGroup SecurityGroup { get; }

    public ApplicationListener ProductionListener { get; }

    public ApplicationListener TestListener { get; }

    public ApplicationTargetGroup Blue { get; }

    public ApplicationTargetGroup Green { get; }

    /// <summary>On the ECS route: the rules whose weights ECS shifts from blue to green (null on the CodeDeploy route).</summary>
    public ApplicationListenerRule? ProductionRule { get; }

    public ApplicationListenerRule? TestRule { get; }

    public int ProductionPort { get; }

    public bool UsesTls { get; }

    public PublicEntrance(Construct scope, string id, DeploySettings settings, IVpc vpc, IEnumerable<string> natAddresses)
        : base(scope, id)
    {
        UsesTls = settings.CertificateArn is not null;
        ProductionPort = UsesTls ? 443 : 80;

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "The public load balancer",
            AllowAllOutbound = true,
        });
        SecurityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(ProductionPort), "The shop's API");
        if (UsesTls)
        {
            SecurityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(80), "Redirected to HTTPS");
        }

        foreach (var (address, index) in natAddresses.Select((address, index) => (address, index)))
        {
            SecurityGroup.AddIngressRule(Peer.Ipv4(Fn.Join("", [address, "/32"])), Port.Tcp(TestPort), $"Smoke tests from the VPC (NAT {index + 1})");
        }

        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetGroupName = Network.NetworkStack.PublicSubnets },
            SecurityGroup = SecurityGroup,
            // Hostile input: a header with characters HTTP does not allow never reaches the gateway.
            DropInvalidHeaderFields = true,
        });

        Blue = TargetGroup("Blue", vpc);
        Green = TargetGroup("Green", vpc);

        if (settings.Route == DeploymentRoute.CodeDeploy)
        {
            // CodeDeploy swaps the listeners' default actions between the target groups.
            ProductionListener = Listener("Production", ProductionPort, settings, ListenerAction.Forward([Blue]));
            TestListener = Listener("Test", TestPort, settings, ListenerAction.Forward([Green]));
        }
        else
        {
            // ECS moves the weights of one rule per listener; anything the rules do not match is a 404.
            ProductionListener = Listener("Production", ProductionPort, settings, NotFound);
            TestListener = Listener("Test", TestPort, settings, NotFound);
            ProductionRule = WeightedRule("ProductionRule", ProductionListener);
            TestRule = WeightedRule("TestRule", TestListener);
        }
        if (UsesTls)
        {
            LoadBalancer.AddRedirect(new ApplicationLoadBalancerRedirectConfig { SourcePort = 80, TargetPort = 443 });
        }
    }

    public string Url(int port) => $"{(UsesTls ? "https" : "http")}://{LoadBalancer.LoadBalancerDnsName}:{port}";

    private ApplicationTargetGroup TargetGroup(string id, IVpc vpc) => new(this, id, new ApplicationTargetGroupProps
    {
        Vpc = vpc,
        TargetType = TargetType.IP,
        Port = ShopServices.ContainerPort,
        Protocol = ApplicationProtocol.HTTP,
        HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
        {
            Path = "/health/ready",
            HealthyHttpCodes = "200",
            Interval = Duration.Seconds(10),
            Timeout = Duration.Seconds(5),
            HealthyThresholdCount = 2,
            UnhealthyThresholdCount = 3,
        },
        // Longer than the gateway's longest route timeout (30 s), so no request is cut off by a deployment.
        DeregistrationDelay = Duration.Seconds(35),
    });

    private static ListenerAction NotFound => ListenerAction.FixedResponse(404, new FixedResponseOptions
    {
        ContentType = "application/problem+json",
        MessageBody = """{"title":"Not Found","status":404}""",
    });

    private ApplicationListenerRule WeightedRule(string id, ApplicationListener listener) => new(this, id, new ApplicationListenerRuleProps
    {
        Listener = listener,
        Priority = 10,
        Conditions = [ListenerCondition.PathPatterns(["/*"])],
        Action = ListenerAction.WeightedForward(
        [
            new WeightedTargetGroup { TargetGroup = Blue, Weight = 100 },
            new WeightedTargetGroup { TargetGroup = Green, Weight = 0 },
        ]),
    });

    private ApplicationListener Listener(string id, int port, DeploySettings settings, ListenerAction defaultAction) => LoadBalancer.AddListener(id, new BaseApplicationListenerProps
    {
        Port = port,
        Protocol = UsesTls ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
        Certificates = UsesTls ? [ListenerCertificate.FromArn(settings.CertificateArn!)] : null,
        SslPolicy = UsesTls ? SslPolicy.RECOMMENDED_TLS : null,
        Open = false,
        DefaultAction = defaultAction,
    });
}

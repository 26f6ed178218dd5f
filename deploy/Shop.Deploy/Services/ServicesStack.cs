using Amazon.CDK;
using Amazon.CDK.AWS.CodeDeploy;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.ServiceDiscovery;
using Constructs;
using Shop.Contracts.Topology;
using Shop.Deploy.Data;
using Shop.Deploy.Deployment;
using Shop.Deploy.Identity;
using Shop.Deploy.Messaging;
using Shop.Deploy.Network;
using Shop.Deploy.Observability;

namespace Shop.Deploy.Services;

public sealed record ServicesDependencies(NetworkStack Network, DataStack Data, MessagingStack Messaging, IdentityStack Identity, RegistryStack Registry);

/// <summary>
/// The ECS cluster and one Fargate service per entry of the service list, the public load balancer in front of the
/// gateway, each service's alarms and scaling, and how each deploys (ECS blue/green, or CodeDeploy for the gateway).
/// </summary>
public sealed class ServicesStack : Stack
{
    /// <summary>After production traffic moves, the old revision stays this long, ready to take it back.</summary>
    public static readonly TimeSpan BakeTime = TimeSpan.FromMinutes(10);

    /// <summary>Requests per task per minute the scaling keeps (50 a second).</summary>
    public const double RequestsPerTaskPerMinute = 3000;

    /// <summary>Visible messages per task the scaling keeps: one round of a task's 20 concurrent handlers.</summary>
    public const double BacklogPerTask = 20;

    public Cluster Cluster { get; }

    public PublicEntrance Entrance { get; }

    public SmokeTest SmokeTest { get; }

    public IReadOnlyDictionary<string, ServiceWorkload> Workloads { get; }

    public IReadOnlyDictionary<string, ServiceAlarms> Alarms { get; }

    /// <summary>The gateway's CodeDeploy deployment group on the CodeDeploy route; null on the ECS route.</summary>
    public EcsDeploymentGroup? GatewayDeploymentGroup { get; }

    public ServicesStack(Construct scope, string id, IStackProps props, DeploySettings settings, ServicesDependencies dependencies)
        : base(scope, id, props)
    {
        var (network, data, messaging, identity, registry) = dependencies;
        var vpc = network.Vpc;
        var codeDeploy = settings.Route == DeploymentRoute.CodeDeploy;
        var dnsNamespace = $"{settings.Prefix}.internal";

        var alerts = new Topic(this, "Alerts", new TopicProps { TopicName = $"{settings.Prefix}-alerts" });
        if (settings.AlarmEmail is { } email)
        {
            alerts.AddSubscription(new EmailSubscription(email));
        }

        Cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            ClusterName = Naming.Cluster(settings),
            Vpc = vpc,
            ContainerInsights = true,
            DefaultCloudMapNamespace = new CloudMapNamespaceOptions
            {
                Name = dnsNamespace,
                Type = NamespaceType.DNS_PRIVATE,
                Vpc = vpc,
                UseForServiceConnect = true,
            },
        });

        Entrance = new PublicEntrance(this, "Entrance", settings, vpc, NatAddresses(vpc));
        SmokeTest = new SmokeTest(this, "SmokeTest", settings, vpc, Entrance);
        var hookRole = SmokeTest.InvokerRole(this, "SmokeTestInvoker");
        var loadBalancerRole = EcsBlueGreen.LoadBalancerRole(this, "LoadBalancerRole");

        var facts = new EnvironmentFacts(
            settings, Region, Account, identity.Authority, data.Database.ClusterEndpoint.Hostname, "5432", vpc.VpcCidrBlock,
            codeDeploy ? dnsNamespace : null);

        var workloads = new Dictionary<string, ServiceWorkload>();
        var alarms = new Dictionary<string, ServiceAlarms>();
        foreach (var definition in ShopServices.All)
        {
            var gateway = definition == ShopServices.Gateway;
            var workload = new ServiceWorkload(this, $"Service-{definition.Name}", new WorkloadProps(
                settings,
                definition,
                Cluster,
                vpc,
                registry.Repositories[definition.Name],
                ServiceEnvironment.For(definition, facts),
                data.ServiceDatabases.Secrets.GetValueOrDefault(definition.Name),
                UsesCodeDeploy: codeDeploy && gateway,
                RegistersInDns: codeDeploy && !gateway));
            workloads[definition.Name] = workload;

            var topology = definition.Messaging;
            TaskPermissions.Grant(
                workload,
                topology?.Publishes is { } topic ? messaging.Topics[topic.Name] : null,
                topology?.Consumes is { } queue ? messaging.Queues[queue.Name] : null,
                messaging.Key,
                definition.Tables.Select(table => data.Tables[table.Name]));
            if (definition.Database is not null)
            {
                workload.Service.Connections.AddSecurityGroup(data.DatabaseClients);
            }

            var requests = RequestMetricsOf(definition, settings);
            var serviceAlarms = new ServiceAlarms(
                workload,
                "Alarms",
                Naming.Service(settings, definition),
                requests,
                topology?.Consumes is { } consumed ? messaging.Queues[consumed.Name] : null,
                topology?.Consumes is { } dead ? messaging.DeadLetterQueues[dead.Name] : null,
                alerts);
            alarms[definition.Name] = serviceAlarms;

            var scaling = new Scaling(workload, "Scaling", Cluster.ClusterName, workload.Service.ServiceName);
            var running = ShopMetrics.RunningTasks(Cluster.ClusterName, workload.Service.ServiceName);
            scaling.TrackPerTask("Requests", requests.Requests, running, RequestsPerTaskPerMinute);
            if (topology?.Consumes is { } backlog)
            {
                scaling.TrackPerTask("Backlog", ShopMetrics.Queue("ApproximateNumberOfMessagesVisible", "Maximum", messaging.Queues[backlog.Name]), running, BacklogPerTask);
            }

            var resource = (Amazon.CDK.AWS.ECS.CfnService)workload.Service.Node.DefaultChild!;
            if (gateway)
            {
                workload.SecurityGroup.AddIngressRule(Entrance.SecurityGroup, Port.Tcp(ShopServices.ContainerPort), "The load balancer");
                workload.Service.AttachToApplicationTargetGroup(Entrance.Blue);
            }

            if (codeDeploy && gateway)
            {
                GatewayDeploymentGroup = CodeDeployBlueGreen.ForGateway(this, settings, workload.Service, Entrance, serviceAlarms.All, SmokeTest);
            }
            else if (codeDeploy)
            {
                // Rolling, with the circuit breaker and the same alarms: CodeDeploy has no load balancer to shift here.
                EcsBlueGreen.RollBackOn(resource, serviceAlarms.All);
            }
            else
            {
                TestTraffic testTraffic = gateway
                    ? new TestTraffic.LoadBalancer(Entrance.Green, Entrance.ProductionRule!, Entrance.TestRule!, loadBalancerRole)
                    : new TestTraffic.ServiceConnectHeader(SmokeTest.TestTrafficHeader, definition.Name);
                EcsBlueGreen.Apply(workload.Service, testTraffic, hookRole, SmokeTest.Function.FunctionArn, serviceAlarms.All, BakeTime);
            }
        }

        foreach (var definition in ShopServices.BehindGateway)
        {
            workloads[definition.Name].SecurityGroup.AddIngressRule(
                workloads[ShopServices.Gateway.Name].SecurityGroup, Port.Tcp(ShopServices.ContainerPort), "The gateway");
        }

        workloads[ShopServices.Catalog.Name].SecurityGroup.AddIngressRule(
            workloads[ShopServices.Basket.Name].SecurityGroup, Port.Tcp(ShopServices.ContainerPort), "Basket reads prices");

        Workloads = workloads;
        Alarms = alarms;

        _ = new CfnOutput(this, "Url", new CfnOutputProps { Value = Entrance.Url(Entrance.ProductionPort), Description = "The shop's API" });
    }

    private RequestMetrics RequestMetricsOf(ShopServiceDefinition definition, DeploySettings settings)
    {
        if (definition == ShopServices.Gateway)
        {
            var balancer = Entrance.LoadBalancer.LoadBalancerFullName;
            return new RequestMetrics(
                ShopMetrics.LoadBalancer("RequestCount", "Sum", balancer),
                [ShopMetrics.LoadBalancer("HTTPCode_Target_5XX_Count", "Sum", balancer), ShopMetrics.LoadBalancer("HTTPCode_ELB_5XX_Count", "Sum", balancer)],
                ShopMetrics.LoadBalancer("TargetResponseTime", "p99", balancer),
                P99Threshold: 1);
        }

        var (cluster, service) = (Naming.Cluster(settings), Naming.Service(settings, definition));
        return new RequestMetrics(
            ShopMetrics.ServiceConnect("RequestCount", "Sum", cluster, service, definition.Name),
            [ShopMetrics.ServiceConnect("HTTPCode_Target_5XX_Count", "Sum", cluster, service, definition.Name)],
            ShopMetrics.ServiceConnect("TargetResponseTime", "p99", cluster, service, definition.Name),
            P99Threshold: 1000);
    }

    /// <summary>The public addresses of the VPC's NAT gateways: where the smoke-test function's requests come from.</summary>
    private static IEnumerable<string> NatAddresses(IVpc vpc) => vpc.PublicSubnets
        .Select(subnet => subnet.Node.TryFindChild("EIP"))
        .OfType<CfnEIP>()
        .Select(eip => eip.Ref);
}

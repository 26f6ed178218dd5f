using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using Shop.Contracts.Topology;
using HealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

namespace Shop.Deploy.Services;

public sealed record WorkloadProps(
    DeploySettings Settings,
    ShopServiceDefinition Definition,
    Cluster Cluster,
    IVpc Vpc,
    IRepository Repository,
    IDictionary<string, string> Environment,
    ISecret? DatabaseLogin,
    bool UsesCodeDeploy,
    bool RegistersInDns);

/// <summary>
/// One service (or the gateway) on Fargate: its task definition (the app, hardened, and the ADOT collector), its
/// security group, log group and ECS service. What it may touch is granted by <see cref="TaskPermissions"/>; how it
/// deploys by Deployment/.
/// </summary>
public sealed class ServiceWorkload : Construct
{
    /// <summary>The host's shutdown timeout (.NET's default): in-flight requests and messages finish within it.</summary>
    public static readonly TimeSpan GracefulShutdown = TimeSpan.FromSeconds(30);

    /// <summary>ECS waits this long after SIGTERM before SIGKILL: the graceful shutdown and a margin to flush telemetry.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(35);

    public const string PortName = "http";

    public const string CollectorContainer = "collector";

    /// <summary>The ADOT collector, pinned (its configuration is Services/collector.yaml).</summary>
    public const string CollectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3";

    public const string AppUser = "1654";

    public const string CollectorUser = "10001";

    public ShopServiceDefinition Definition { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition App { get; }

    public FargateService Service { get; }

    public SecurityGroup SecurityGroup { get; }

    public LogGroup Logs { get; }

    public ServiceWorkload(Construct scope, string id, WorkloadProps props)
        : base(scope, id)
    {
        var (settings, definition) = (props.Settings, props.Definition);
        Definition = definition;

        Logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = Naming.LogGroup(settings, definition),
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        TaskDefinition = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Family = Naming.Service(settings, definition),
            TaskRole = WorkloadRole(settings, definition),
            Cpu = 512,
            MemoryLimitMiB = 1024,
            // The images are built for arm64 too; Graviton costs less for the same work.
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.ARM64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });
        // The root filesystem is read-only; .NET needs a writable /tmp.
        TaskDefinition.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "tmp" });

        App = AddApp(props);
        AddCollector();

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = $"The {definition.Name} tasks",
            AllowAllOutbound = true,
        });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            ServiceName = Naming.Service(settings, definition),
            Cluster = props.Cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = 2,
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            AssignPublicIp = false,
            VpcSubnets = new SubnetSelection { SubnetGroupName = Network.NetworkStack.TaskSubnets },
            SecurityGroups = [SecurityGroup],
            HealthCheckGracePeriod = definition == ShopServices.Gateway ? Duration.Seconds(60) : null,
            // CodeDeploy replaces the whole task set and rolls back itself; ECS's breaker works for its own deployments.
            CircuitBreaker = props.UsesCodeDeploy ? null : new DeploymentCircuitBreaker { Rollback = true },
            DeploymentController = new DeploymentController
            {
                Type = props.UsesCodeDeploy ? DeploymentControllerType.CODE_DEPLOY : DeploymentControllerType.ECS,
            },
            ServiceConnectConfiguration = props.UsesCodeDeploy ? null : ServiceConnect(definition),
            // A CodeDeploy-deployed gateway cannot use Service Connect: it finds the services by DNS instead.
            CloudMapOptions = props.RegistersInDns
                ? new CloudMapOptions { Name = definition.Name, DnsRecordType = Amazon.CDK.AWS.ServiceDiscovery.DnsRecordType.A, DnsTtl = Duration.Seconds(10) }
                : null,
            EnableECSManagedTags = true,
            PropagateTags = PropagatedTagSource.SERVICE,
        });
    }

    /// <summary>
    /// The service's own role (<see cref="Naming.WorkloadRole"/>), for its ECS tasks and, through EKS Pod Identity, for
    /// its pods on EKS (k8s/overlays/eks): one set of least-privilege permissions wherever the service runs.
    /// </summary>
    private Role WorkloadRole(DeploySettings settings, ShopServiceDefinition definition)
    {
        var role = new Role(this, "TaskRole", new RoleProps
        {
            RoleName = Naming.WorkloadRole(settings, definition),
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"What the {definition.Name} service may do",
        });
        role.AssumeRolePolicy!.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("pods.eks.amazonaws.com")],
            Actions = ["sts:AssumeRole", "sts:TagSession"],
        }));
        return role;
    }

    private ContainerDefinition AddApp(WorkloadProps props)
    {
        var definition = props.Definition;
        var secrets = new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>();
        if (props.DatabaseLogin is { } login)
        {
            secrets[ServiceEnvironment.PasswordVariable] = Amazon.CDK.AWS.ECS.Secret.FromSecretsManager(login, "password");
        }

        var app = TaskDefinition.AddContainer("App", new ContainerDefinitionOptions
        {
            ContainerName = Naming.Container(definition),
            Image = ContainerImage.FromEcrRepository(props.Repository, props.Settings.ImageTag),
            Essential = true,
            User = AppUser,
            ReadonlyRootFilesystem = true,
            LinuxParameters = new LinuxParameters(this, "Linux", new LinuxParametersProps { InitProcessEnabled = true }),
            Environment = props.Environment,
            Secrets = secrets,
            PortMappings =
            [
                new PortMapping
                {
                    Name = PortName,
                    ContainerPort = ShopServices.ContainerPort,
                    Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP,
                    AppProtocol = AppProtocol.Http,
                },
            ],
            // Liveness: ECS replaces a task whose process stopped answering. Readiness (database, queues) is the
            // load balancer's check (/health/ready): a task that cannot reach its database is not killed for it.
            HealthCheck = new HealthCheck
            {
                Command = ["CMD", "/app/service", "--probe", $"http://localhost:{ShopServices.ContainerPort}/health/live"],
                Interval = Duration.Seconds(10),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(60),
            },
            StopTimeout = Durations.Of(StopTimeout),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = Logs, StreamPrefix = "app" }),
        });
        app.LinuxParameters!.DropCapabilities(Capability.ALL);
        app.AddMountPoints(new MountPoint { ContainerPath = "/tmp", SourceVolume = "tmp", ReadOnly = false });
        return app;
    }

    private void AddCollector()
    {
        var collector = TaskDefinition.AddContainer("Collector", new ContainerDefinitionOptions
        {
            ContainerName = CollectorContainer,
            Image = ContainerImage.FromRegistry(CollectorImage),
            // Telemetry must not take the shop down: the app keeps serving if the collector stops.
            Essential = false,
            User = CollectorUser,
            ReadonlyRootFilesystem = true,
            MemoryLimitMiB = 256,
            Environment = new Dictionary<string, string>
            {
                ["AOT_CONFIG_CONTENT"] = EmbeddedText.Read("Services/collector.yaml"),
                ["AWS_REGION"] = Stack.Of(this).Region,
                ["LOG_GROUP"] = Logs.LogGroupName,
            },
            HealthCheck = new HealthCheck
            {
                Command = ["CMD", "/healthcheck"],
                Interval = Duration.Seconds(10),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(10),
            },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = Logs, StreamPrefix = CollectorContainer }),
        });
        App.AddContainerDependencies(new ContainerDependency { Container = collector, Condition = ContainerDependencyCondition.START });
    }

    /// <summary>Services answer at <c>http://NAME:8080</c> through Service Connect; the gateway only calls them.</summary>
    private static ServiceConnectProps ServiceConnect(ShopServiceDefinition definition) => definition == ShopServices.Gateway
        ? new ServiceConnectProps()
        : new ServiceConnectProps
        {
            Services =
            [
                new ServiceConnectService
                {
                    PortMappingName = PortName,
                    DnsName = definition.Name,
                    Port = ShopServices.ContainerPort,
                    DiscoveryName = definition.Name,
                },
            ],
        };
}

using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.CodePipeline;
using Amazon.CDK.AWS.CodePipeline.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using StageProps = Amazon.CDK.AWS.CodePipeline.StageProps;
using Shop.Contracts.Topology;
using Shop.Deploy.Deployment;
using Shop.Deploy.Services;

namespace Shop.Deploy.Pipeline;

/// <summary>
/// CodePipeline (V2): every push to the branch is built and tested by CodeBuild (buildspec.yml: tests, images, scans,
/// deploy files), then every service is deployed: the services first, then the gateway, each blue/green by its
/// route. The repository and its CodeStar (CodeConnections) connection are stack parameters.
/// </summary>
public sealed class PipelineStack : Stack
{
    public PipelineStack(Construct scope, string id, IStackProps props, DeploySettings settings, RegistryStack registry, ServicesStack services)
        : base(scope, id, props)
    {
        var connection = Parameter("ConnectionArn", "The CodeStar (CodeConnections) connection to the repository's host", null,
            "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/.+");
        var owner = Parameter("RepositoryOwner", "The repository's owner (user or organization)", null, null);
        var repository = Parameter("RepositoryName", "The repository's name", null, null);
        var branch = Parameter("Branch", "The branch that deploys", "main", null);

        var cache = new Bucket(this, "BuildCache", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            LifecycleRules = [new LifecycleRule { Expiration = Duration.Days(30) }],
            RemovalPolicy = RemovalPolicy.DESTROY,
            AutoDeleteObjects = false,
        });

        var build = new PipelineProject(this, "Build", new PipelineProjectProps
        {
            ProjectName = $"{settings.Prefix}-build",
            BuildSpec = BuildSpec.FromSourceFilename("buildspec.yml"),
            // The tasks run on arm64: build there, natively. Privileged for Docker.
            Environment = new BuildEnvironment
            {
                BuildImage = LinuxArmBuildImage.FromCodeBuildImageId("aws/codebuild/amazonlinux-aarch64-standard:3.0"),
                ComputeType = ComputeType.LARGE,
                Privileged = true,
            },
            EnvironmentVariables = new Dictionary<string, IBuildEnvironmentVariable>
            {
                ["SHOP_PREFIX"] = new BuildEnvironmentVariable { Value = settings.Prefix },
                ["ECR_REGISTRY"] = new BuildEnvironmentVariable { Value = $"{Account}.dkr.ecr.{Region}.amazonaws.com" },
                ["SMOKE_TEST_FUNCTION_ARN"] = new BuildEnvironmentVariable { Value = services.SmokeTest.Function.FunctionArn },
            },
            // NuGet packages (buildspec.yml's cache paths) between builds.
            Cache = Cache.Bucket(cache, new BucketCacheOptions { Prefix = "build" }),
            Timeout = Duration.Minutes(90),
            Logging = new LoggingOptions
            {
                CloudWatch = new CloudWatchLoggingOptions
                {
                    LogGroup = new LogGroup(this, "BuildLogs", new LogGroupProps { Retention = RetentionDays.THREE_MONTHS, RemovalPolicy = RemovalPolicy.DESTROY }),
                },
            },
        });
        foreach (var repositoryOfService in registry.Repositories.Values)
        {
            repositoryOfService.GrantPullPush(build);
            // A re-run of a commit finds its images already pushed (tags are immutable) and skips them.
            repositoryOfService.Grant(build, "ecr:DescribeImages");
        }

        // taskdef.json for CodeDeploy is the task definition CDK registered; DescribeTaskDefinition has no resource-level permission.
        build.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["ecs:DescribeTaskDefinition"], Resources = ["*"] }));

        var source = new Artifact_("Source");
        var buildOutput = new Artifact_(DeployArtifacts.BuildOutput);
        var codeDeployOutputs = ShopServices.All.Where(UsesCodeDeployFiles)
            .ToDictionary(service => service.Name, service => new Artifact_(DeployArtifacts.CodeDeployArtifact(service.Name)));

        _ = new Amazon.CDK.AWS.CodePipeline.Pipeline(this, "Pipeline", new PipelineProps
        {
            PipelineName = settings.Prefix,
            PipelineType = PipelineType.V2,
            CrossAccountKeys = false,
            RestartExecutionOnUpdate = false,
            Stages =
            [
                new StageProps
                {
                    StageName = "Source",
                    Actions =
                    [
                        new CodeStarConnectionsSourceAction(new CodeStarConnectionsSourceActionProps
                        {
                            ActionName = "Source",
                            ConnectionArn = connection,
                            Owner = owner,
                            Repo = repository,
                            Branch = branch,
                            Output = source,
                            TriggerOnPush = true,
                        }),
                    ],
                },
                new StageProps
                {
                    StageName = "Build",
                    Actions =
                    [
                        new CodeBuildAction(new CodeBuildActionProps
                        {
                            ActionName = "TestBuildScan",
                            Project = build,
                            Input = source,
                            Outputs = [buildOutput, .. codeDeployOutputs.Values],
                        }),
                    ],
                },
                new StageProps
                {
                    StageName = "Deploy",
                    Actions = [.. ShopServices.All.Select(service => DeployAction(settings, services, service, buildOutput, codeDeployOutputs))],
                },
            ],
        });
    }

    /// <summary>The services CodeDeploy can deploy (they sit behind a load balancer), so buildspec.yml always writes their files.</summary>
    public static bool UsesCodeDeployFiles(ShopServiceDefinition service) => service == ShopServices.Gateway;

    private static IAction DeployAction(
        DeploySettings settings, ServicesStack services, ShopServiceDefinition service, Artifact_ buildOutput, Dictionary<string, Artifact_> codeDeployOutputs)
    {
        // The services deploy first; the gateway, whose routes may need them, after.
        var runOrder = service == ShopServices.Gateway ? 2 : 1;
        if (settings.Route == DeploymentRoute.CodeDeploy && services.GatewayDeploymentGroup is { } group && service == ShopServices.Gateway)
        {
            var files = codeDeployOutputs[service.Name];
            return new CodeDeployEcsDeployAction(new CodeDeployEcsDeployActionProps
            {
                ActionName = $"Deploy-{service.Name}",
                DeploymentGroup = group,
                TaskDefinitionTemplateFile = files.AtPath(DeployArtifacts.TaskDefinition),
                AppSpecTemplateFile = files.AtPath(DeployArtifacts.AppSpec),
                ContainerImageInputs = [new CodeDeployEcsContainerImageInput { Input = files, TaskDefinitionPlaceholder = DeployArtifacts.ImagePlaceholder }],
                RunOrder = runOrder,
            });
        }

        return new EcsDeployAction(new EcsDeployActionProps
        {
            ActionName = $"Deploy-{service.Name}",
            Service = services.Workloads[service.Name].Service,
            ImageFile = buildOutput.AtPath(DeployArtifacts.ImageDefinitions(service.Name)),
            // Blue/green: test traffic, smoke test, production shift, then the bake time.
            DeploymentTimeout = Duration.Minutes(60),
            RunOrder = runOrder,
        });
    }

    private string Parameter(string name, string description, string? defaultValue, string? pattern) => new CfnParameter(this, name, new CfnParameterProps
    {
        Type = "String",
        Description = description,
        Default = defaultValue,
        AllowedPattern = pattern,
        MinLength = 1,
    }).ValueAsString;
}

using System.Text.Json.Nodes;
using Shop.Contracts.Topology;
using Shop.Deploy.Deployment;
using Shop.Deploy.Tests.Build;
using Shop.LocalServers;
using YamlDotNet.Serialization;

namespace Shop.Deploy.Tests;

/// <summary>
/// buildspec.yml (CodeBuild) and deploy/build/emit-artifacts.sh: the build tests the whole solution, builds, scans and
/// pushes an image of every service tagged with the commit, and hands the pipeline the artifacts its deploy actions
/// read, under <see cref="DeployArtifacts"/>' names. The commands after the install phase are run for real with bash,
/// against stand-ins for aws, docker, dotnet and trivy (<see cref="BuildWorkspace"/>).
/// </summary>
public sealed class BuildspecTests
{
    private const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private const string Commit = "3f2c1e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e";
    private const string SmokeTestArn = "arn:aws:lambda:eu-west-1:123456789012:function:shop-staging-smoke-test";

    private static readonly Buildspec Spec = Buildspec.Load();

    private static readonly DeploySettings Settings = DeploySettings.Default with { Prefix = "shop-staging" };

    private static readonly string[] RunPhases = ["pre_build", "build", "post_build"];

    /// <summary>The read-only fields describe-task-definition returns that register-task-definition refuses.</summary>
    private static readonly string[] ReadOnlyTaskDefinitionFields =
        ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static IEnumerable<string> ServiceNames => ShopServices.All.Select(service => service.Name);

    private static string ImageOf(ShopServiceDefinition service) => $"{Registry}/{Naming.Repository(Settings, service)}:{Commit}";

    private static IReadOnlyList<string> CodeDeployServices => Spec.Variables["CODEDEPLOY_SERVICES"].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What the pipeline's CodeBuild project sets, and CodeBuild itself.</summary>
    private static Dictionary<string, string?> PipelineVariables() => new()
    {
        ["SHOP_PREFIX"] = Settings.Prefix,
        ["ECR_REGISTRY"] = Registry,
        ["SMOKE_TEST_FUNCTION_ARN"] = SmokeTestArn,
        ["AWS_REGION"] = "eu-west-1",
        ["AWS_DEFAULT_REGION"] = "eu-west-1",
        ["CODEBUILD_RESOLVED_SOURCE_VERSION"] = Commit,
    };

    [Fact]
    public void Parses_as_a_version_0_2_buildspec_for_bash_with_every_phase_and_only_string_commands()
    {
        Spec.Version.ShouldBe("0.2");
        Spec.Shell.ShouldBe("bash");
        foreach (var phase in Buildspec.Phases)
        {
            Spec.Commands(phase).ShouldNotBeEmpty($"phase {phase} has no commands");
        }
    }

    [Fact]
    public void Stops_before_post_build_when_install_pre_build_or_build_fails()
    {
        // post_build runs after a failed build unless the build phase aborts: it would push untested images.
        foreach (var phase in Buildspec.Phases.Except(["post_build"]))
        {
            Spec.OnFailure(phase).ShouldBe("ABORT", $"phase {phase}");
        }

        Spec.Commands("post_build")[0].ShouldBe("test \"$CODEBUILD_BUILD_SUCCEEDING\" = 1");
    }

    [Fact]
    public void Installs_the_sdk_global_json_names_and_the_servers_the_tests_start()
    {
        var install = string.Join('\n', Spec.Commands("install"));

        install.ShouldContain("dotnet-install.sh --jsonfile global.json");
        install.ShouldContain("dotnet --list-sdks | grep -F \"$(jq -r .sdk.version global.json) \"");
        File.Exists(Path.Combine(RepositoryRoot.Find(), "global.json")).ShouldBeTrue();

        // PostgreSQL's server binaries (tools/Shop.LocalServers/PostgresBinaries.cs looks for initdb and pg_ctl on PATH).
        Spec.Variables["POSTGRES_PACKAGE"].ShouldMatch(@"^postgresql\d+-server$");
        install.ShouldContain("dnf install -y --allowerasing \"$POSTGRES_PACKAGE\"");
        install.ShouldContain("for tool in initdb pg_ctl postgres runuser; do command -v \"$tool\" || exit 1; done");

        // moto_server on PATH (tools/Shop.LocalServers/LocalMoto.cs), of a pinned version.
        Spec.Variables["MOTO_VERSION"].ShouldMatch(@"^\d+\.\d+\.\d+$");
        install.ShouldContain("pip install --quiet --disable-pip-version-check \"moto[server]==$MOTO_VERSION\"");
        install.ShouldContain($"ln -sf /opt/moto/bin/moto_server /usr/local/bin/{LocalMoto.Executable}");

        // cfn-lint on PATH, for CfnLintTests.
        Spec.Variables["CFN_LINT_VERSION"].ShouldMatch(@"^\d+\.\d+\.\d+$");
        install.ShouldContain("pip install --quiet --disable-pip-version-check \"cfn-lint==$CFN_LINT_VERSION\"");
        install.ShouldContain("ln -sf /opt/moto/bin/cfn-lint /usr/local/bin/cfn-lint");

        // kubectl for Shop.Kubernetes.Tests, the version the manifests are validated for.
        Spec.Variables["KUBECTL_VERSION"].ShouldStartWith("1.32.");
        install.ShouldContain("https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/arm64/kubectl");

        // Node.js for the CDK synth (jsii) and Spectral.
        Spec.RuntimeVersions.Keys.ShouldBe(["nodejs", "python"], ignoreOrder: true);
    }

    [Fact]
    public void Installs_a_trivy_pinned_by_version_and_by_the_checksum_of_its_arm64_archive()
    {
        Spec.Variables["TRIVY_VERSION"].ShouldMatch(@"^\d+\.\d+\.\d+$");
        Spec.Variables["TRIVY_VERSION"].ShouldNotBe("0.69.4", "v0.69.4 was a malicious release");
        Spec.Variables["TRIVY_SHA256"].ShouldMatch("^[0-9a-f]{64}$");

        var install = Spec.Commands("install").ToList();
        var download = install.Single(command => command.Contains("aquasecurity/trivy/releases/download", StringComparison.Ordinal));
        download.ShouldContain("/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-ARM64.tar.gz");
        var check = install.IndexOf("echo \"$TRIVY_SHA256  /tmp/trivy.tar.gz\" | sha256sum --check --strict");
        check.ShouldBeGreaterThan(install.IndexOf(download));
        install.IndexOf("tar -xzf /tmp/trivy.tar.gz -C /usr/local/bin trivy").ShouldBeGreaterThan(check, "unpacked only once checked");
    }

    [Fact]
    public void Caches_the_nuget_packages_between_builds()
    {
        Spec.CachePaths.ShouldContain("/root/.nuget/packages/**/*");
    }

    [Fact]
    public void Builds_the_bake_files_default_group_which_is_every_service_each_a_project_of_the_solution()
    {
        BakeFile.DefaultGroup().ShouldBe(ServiceNames, ignoreOrder: true);

        var solution = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Microservices.sln"));
        foreach (var service in ShopServices.All)
        {
            var project = $"{service.Project}/{Path.GetFileName(service.Project)}.csproj";
            File.Exists(Path.Combine(RepositoryRoot.Find(), project)).ShouldBeTrue(project);
            solution.ShouldContain($"\"{project.Replace('/', '\\')}\"", customMessage: $"{project} is not in Microservices.sln");
        }

        // The one list: read from the bake file, not typed again.
        Spec.Commands("pre_build").ShouldContain(
            "SERVICES=\"$(docker buildx bake -f docker-bake.hcl --print | jq -r '.group.default.targets | join(\" \")')\"");
    }

    [Fact]
    public async Task Tests_the_solution_then_builds_scans_and_pushes_every_service_tagged_with_the_commit()
    {
        using var workspace = new BuildWorkspace(BakeFile.DefaultGroup());
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));

        var run = await workspace.RunAsync(Spec, RunPhases, PipelineVariables(), Cancellation);

        run.ExitCode.ShouldBe(0, run.ToString());
        var calls = workspace.Calls;
        calls.ShouldContain(call => call.Tool == "docker" && call.Has("login", "--username", "AWS", "--password-stdin", Registry));

        var test = calls.Single(call => call.Tool == "dotnet");
        test.Arguments.ShouldBe(["test", "Microservices.sln"]);

        // One bake of the default group (no target named), for the tasks' platform, into the local engine to scan.
        var bake = calls.Single(call => call.Tool == "docker" && call.Has("buildx", "bake") && !call.Arguments.Contains("--print"));
        bake.Has("-f", "docker-bake.hcl").ShouldBeTrue(bake.ToString());
        bake.Has("--set", "*.platform=linux/arm64").ShouldBeTrue(bake.ToString());
        bake.Arguments.ShouldContain("--load");
        bake.Arguments.Intersect(ServiceNames).ShouldBeEmpty("the build names targets instead of building the default group");
        calls.Single(call => call.Tool == "bake-variables").Arguments.ShouldBe([$"REGISTRY={Registry}/{Settings.Prefix}", $"TAG={Commit}"]);
        Index(calls, test).ShouldBeLessThan(Index(calls, bake), "images are built only once the tests pass");

        var images = ShopServices.All.Select(ImageOf).ToList();
        var sboms = calls.Where(call => call.Tool == "trivy" && call.Has("--format", "cyclonedx")).ToList();
        sboms.Select(call => call.Arguments[^1]).ShouldBe(images, ignoreOrder: true);
        var scans = calls.Where(call => call.Tool == "trivy" && call.Has("--exit-code", "1") && call.Has("--severity", "CRITICAL")).ToList();
        scans.Select(call => call.Arguments[^1]).ShouldBe(images, ignoreOrder: true);
        var pushes = calls.Where(call => call.Tool == "docker" && call.Arguments[0] == "push").ToList();
        pushes.Select(call => call.Arguments[1]).ShouldBe(images, ignoreOrder: true);
        scans.Max(scan => Index(calls, scan)).ShouldBeLessThan(pushes.Min(push => Index(calls, push)), "every image is scanned before any is pushed");
    }

    [Fact]
    public async Task A_critical_finding_in_one_image_fails_the_build_and_pushes_nothing()
    {
        using var workspace = new BuildWorkspace(BakeFile.DefaultGroup());
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));
        var variables = PipelineVariables();
        variables["FAKE_TRIVY_CRITICAL"] = ImageOf(ShopServices.Ordering);

        var run = await workspace.RunAsync(Spec, RunPhases, variables, Cancellation);

        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Output.ShouldContain("CRITICAL: 1");
        workspace.Calls.ShouldNotContain(call => call.Tool == "docker" && call.Arguments[0] == "push");
        Directory.Exists(Path.Combine(workspace.WorkingDirectory, "build-artifacts", "CodeDeploy_gateway")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_re_run_of_a_commit_pushes_no_image_that_ECR_already_holds_under_its_immutable_tag()
    {
        using var workspace = new BuildWorkspace(BakeFile.DefaultGroup());
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));
        var variables = PipelineVariables();
        variables["FAKE_ECR_EXISTING"] = Naming.Repository(Settings, ShopServices.Gateway);

        var run = await workspace.RunAsync(Spec, RunPhases, variables, Cancellation);

        run.ExitCode.ShouldBe(0, run.ToString());
        workspace.Calls.Where(call => call.Tool == "docker" && call.Arguments[0] == "push").Select(call => call.Arguments[1])
            .ShouldBe(ShopServices.BehindGateway.Select(ImageOf), ignoreOrder: true);
    }

    [Fact]
    public void Declares_the_pipelines_outputs_under_the_names_of_DeployArtifacts()
    {
        // Several outputs of one CodeBuild action: CodePipeline takes each from the secondary artifact of its name.
        Spec.HasPrimaryFiles.ShouldBeFalse();
        CodeDeployServices.ShouldBe([ShopServices.Gateway.Name]);
        Spec.SecondaryArtifacts.Keys.ShouldBe(
            [DeployArtifacts.BuildOutput, .. CodeDeployServices.Select(DeployArtifacts.CodeDeployArtifact)], ignoreOrder: true);

        var buildOutput = Spec.SecondaryArtifacts[DeployArtifacts.BuildOutput];
        foreach (var service in ServiceNames)
        {
            buildOutput.Includes(DeployArtifacts.ImageDefinitions(service)).ShouldBeTrue(DeployArtifacts.ImageDefinitions(service));
            buildOutput.Includes($"sbom/{service}.cdx.json").ShouldBeTrue($"the SBOM of {service}");
        }

        foreach (var service in CodeDeployServices)
        {
            Spec.SecondaryArtifacts[DeployArtifacts.CodeDeployArtifact(service)].Files
                .ShouldBe([DeployArtifacts.ImageDetail, DeployArtifacts.TaskDefinition, DeployArtifacts.AppSpec], ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Emits_each_artifacts_files_into_its_declared_folder_and_nothing_it_does_not_declare()
    {
        using var workspace = new BuildWorkspace(BakeFile.DefaultGroup());
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));

        var run = await workspace.RunAsync(Spec, RunPhases, PipelineVariables(), Cancellation);

        run.ExitCode.ShouldBe(0, run.ToString());
        var expected = new Dictionary<string, IEnumerable<string>>
        {
            [DeployArtifacts.BuildOutput] = ServiceNames.SelectMany(service => new[] { DeployArtifacts.ImageDefinitions(service), $"sbom/{service}.cdx.json" }),
            [DeployArtifacts.CodeDeployArtifact(ShopServices.Gateway.Name)] = [DeployArtifacts.ImageDetail, DeployArtifacts.TaskDefinition, DeployArtifacts.AppSpec],
        };
        foreach (var (identifier, artifact) in Spec.SecondaryArtifacts)
        {
            var directory = Path.Combine(workspace.WorkingDirectory, artifact.BaseDirectory);
            var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(directory, file).Replace('\\', '/')).ToList();
            files.ShouldAllBe(file => artifact.Includes(file), $"{identifier} holds files it does not declare");
            files.ShouldBe(expected[identifier], ignoreOrder: true, customMessage: identifier);
        }
    }

    [Fact]
    public async Task Emit_artifacts_writes_the_image_definitions_of_every_service()
    {
        using var workspace = new BuildWorkspace([]);
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));
        var output = workspace.Scratch;

        var run = await EmitArtifactsAsync(workspace, output, EmitVariables());

        run.ExitCode.ShouldBe(0, run.ToString());
        foreach (var service in ShopServices.All)
        {
            var definitions = JsonNode.Parse(File.ReadAllText(Path.Combine(output, DeployArtifacts.BuildOutput, DeployArtifacts.ImageDefinitions(service.Name))))!;
            var expected = new JsonArray(new JsonObject { ["name"] = Naming.Container(service), ["imageUri"] = ImageOf(service) });
            JsonNode.DeepEquals(definitions, expected).ShouldBeTrue($"{service.Name}: {definitions.ToJsonString()}");
        }

        Directory.GetFiles(Path.Combine(output, DeployArtifacts.BuildOutput)).Length.ShouldBe(ShopServices.All.Count);
    }

    [Fact]
    public async Task Emit_artifacts_writes_the_codedeploy_inputs_from_the_task_definition_the_cdk_app_registered()
    {
        using var workspace = new BuildWorkspace([]);
        var gateway = ShopServices.Gateway;
        var family = Naming.Service(Settings, gateway);
        workspace.AddTaskDefinition(family, DescribedTaskDefinition(gateway));
        var output = workspace.Scratch;

        var run = await EmitArtifactsAsync(workspace, output, EmitVariables());

        run.ExitCode.ShouldBe(0, run.ToString());
        workspace.Calls.Where(call => call.Tool == "aws").ShouldHaveSingleItem().Arguments
            .ShouldBe(["ecs", "describe-task-definition", "--task-definition", family, "--output", "json"]);
        var directory = Path.Combine(output, DeployArtifacts.CodeDeployArtifact(gateway.Name));
        Directory.GetFiles(directory).Select(Path.GetFileName)
            .ShouldBe([DeployArtifacts.ImageDetail, DeployArtifacts.TaskDefinition, DeployArtifacts.AppSpec], ignoreOrder: true);

        var imageDetail = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, DeployArtifacts.ImageDetail)))!;
        JsonNode.DeepEquals(imageDetail, new JsonObject { ["ImageURI"] = ImageOf(gateway) }).ShouldBeTrue(imageDetail.ToJsonString());

        // The registered task definition but for what ECS sets itself, with the placeholder for the app's image.
        var taskDefinition = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, DeployArtifacts.TaskDefinition)))!.AsObject();
        foreach (var field in ReadOnlyTaskDefinitionFields)
        {
            taskDefinition.ContainsKey(field).ShouldBeFalse(field);
        }

        ((string?)taskDefinition["family"]).ShouldBe(family);
        var expected = JsonNode.Parse(DescribedTaskDefinition(gateway))!["taskDefinition"]!.AsObject();
        foreach (var field in ReadOnlyTaskDefinitionFields)
        {
            expected.Remove(field);
        }

        var app = expected["containerDefinitions"]!.AsArray().Single(container => (string?)container!["name"] == Naming.Container(gateway))!;
        app["image"] = $"<{DeployArtifacts.ImagePlaceholder}>";
        JsonNode.DeepEquals(taskDefinition, expected).ShouldBeTrue(taskDefinition.ToJsonString());

        var appSpec = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(File.ReadAllText(Path.Combine(directory, DeployArtifacts.AppSpec)))!;
        ((string)appSpec["version"]).ShouldBe("0.0");
        var target = (Dictionary<object, object>)((Dictionary<object, object>)((List<object>)appSpec["Resources"]).Single())["TargetService"];
        ((string)target["Type"]).ShouldBe("AWS::ECS::Service");
        var properties = (Dictionary<object, object>)target["Properties"];
        ((string)properties["TaskDefinition"]).ShouldBe("<TASK_DEFINITION>");
        var loadBalancer = (Dictionary<object, object>)properties["LoadBalancerInfo"];
        ((string)loadBalancer["ContainerName"]).ShouldBe(Naming.Container(gateway));
        int.Parse((string)loadBalancer["ContainerPort"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(ShopServices.ContainerPort);
        var hook = (Dictionary<object, object>)((List<object>)appSpec["Hooks"]).Single();
        ((string)hook["AfterAllowTestTraffic"]).ShouldBe(SmokeTestArn);
    }

    [Fact]
    public async Task Emit_artifacts_fails_naming_what_is_missing()
    {
        using var workspace = new BuildWorkspace([]);
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Gateway), DescribedTaskDefinition(ShopServices.Gateway));

        var withoutArn = EmitVariables();
        withoutArn["SMOKE_TEST_FUNCTION_ARN"] = null;
        var run = await EmitArtifactsAsync(workspace, workspace.Scratch, withoutArn);
        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain("SMOKE_TEST_FUNCTION_ARN");

        // A CodeDeploy service whose task definition has no container of its name: nothing to put the image in.
        var variables = EmitVariables();
        variables["CODEDEPLOY_SERVICES"] = ShopServices.Catalog.Name;
        workspace.AddTaskDefinition(Naming.Service(Settings, ShopServices.Catalog), DescribedTaskDefinition(ShopServices.Gateway));
        run = await EmitArtifactsAsync(workspace, workspace.Scratch, variables);
        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.Error.ShouldContain($"no container named {ShopServices.Catalog.Name}");
    }

    private static Dictionary<string, string?> EmitVariables()
    {
        var variables = PipelineVariables();
        variables["SERVICES"] = string.Join(' ', ServiceNames);
        variables["CODEDEPLOY_SERVICES"] = Spec.Variables["CODEDEPLOY_SERVICES"];
        return variables;
    }

    private static Task<Bash.Result> EmitArtifactsAsync(BuildWorkspace workspace, string output, IReadOnlyDictionary<string, string?> variables) =>
        Bash.RunAsync(
            [Path.Combine(RepositoryRoot.Find(), "deploy", "build", "emit-artifacts.sh"), output],
            workspace.Scratch,
            workspace.Environment(variables),
            Cancellation);

    private static int Index(IReadOnlyList<ToolCall> calls, ToolCall call) => calls.ToList().IndexOf(call);

    /// <summary>
    /// <c>aws ecs describe-task-definition</c>'s answer for a service's family as the CDK app registers it
    /// (deploy/Shop.Deploy/Services/ServiceWorkload.cs): the app's container, named after the service, after the
    /// telemetry collector's, and every read-only field ECS adds.
    /// </summary>
    private static string DescribedTaskDefinition(ShopServiceDefinition service)
    {
        var family = Naming.Service(Settings, service);
        return $$"""
            {
              "taskDefinition": {
                "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/{{family}}:7",
                "family": "{{family}}",
                "revision": 7,
                "status": "ACTIVE",
                "taskRoleArn": "arn:aws:iam::123456789012:role/{{family}}-task",
                "executionRoleArn": "arn:aws:iam::123456789012:role/{{family}}-execution",
                "networkMode": "awsvpc",
                "containerDefinitions": [
                  {
                    "name": "collector",
                    "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3",
                    "essential": false,
                    "portMappings": [{ "containerPort": 4317, "hostPort": 4317, "protocol": "tcp" }],
                    "dependsOn": []
                  },
                  {
                    "name": "{{Naming.Container(service)}}",
                    "image": "{{Registry}}/{{Naming.Repository(Settings, service)}}:initial",
                    "essential": true,
                    "user": "1654",
                    "readonlyRootFilesystem": true,
                    "portMappings": [
                      { "name": "http", "containerPort": {{ShopServices.ContainerPort}}, "hostPort": {{ShopServices.ContainerPort}}, "protocol": "tcp", "appProtocol": "http" }
                    ],
                    "environment": [{ "name": "ASPNETCORE_ENVIRONMENT", "value": "Production" }],
                    "mountPoints": [{ "sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": false }],
                    "dependsOn": [{ "containerName": "collector", "condition": "START" }]
                  }
                ],
                "volumes": [{ "name": "tmp", "host": {} }],
                "requiresAttributes": [{ "name": "com.amazonaws.ecs.capability.ecr-auth" }, { "name": "ecs.capability.execution-role-ecr-pull" }],
                "placementConstraints": [],
                "compatibilities": ["EC2", "FARGATE"],
                "requiresCompatibilities": ["FARGATE"],
                "cpu": "512",
                "memory": "1024",
                "runtimePlatform": { "cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX" },
                "registeredAt": "2026-12-01T09:30:00.123000+00:00",
                "deregisteredAt": "2026-12-01T09:45:00.000000+00:00",
                "registeredBy": "arn:aws:sts::123456789012:assumed-role/cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1/AWSCloudFormation"
              },
              "tags": []
            }
            """;
    }
}

using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Shop.Deploy.Tests;

/// <summary>
/// The CDK app synthesized once per deployment route (a synth starts a Node.js process and takes seconds), into a
/// folder of its own: <see cref="Templates"/> for JSON walks and cfn-lint, <see cref="TemplateOf"/> for CDK assertions.
/// </summary>
public sealed class SynthesizedApp
{
    private static readonly Lazy<SynthesizedApp> EcsRoute = new(() => new SynthesizedApp(DeploymentRoute.Ecs));
    private static readonly Lazy<SynthesizedApp> CodeDeployRoute = new(() => new SynthesizedApp(DeploymentRoute.CodeDeploy));
    private static readonly Lock SynthLock = new();

    /// <summary>Both deployment routes, for tests that hold on each.</summary>
    public static TheoryData<DeploymentRoute> Routes => [DeploymentRoute.Ecs, DeploymentRoute.CodeDeploy];

    public static SynthesizedApp For(DeploymentRoute route) => route == DeploymentRoute.Ecs ? EcsRoute.Value : CodeDeployRoute.Value;

    public DeploySettings Settings { get; }

    public ShopApp Stacks { get; }

    public string OutputDirectory { get; }

    private readonly Dictionary<Stack, Template> _templates = [];

    private SynthesizedApp(DeploymentRoute route)
    {
        // jsii's kernel is one process per test host; synthesizing two apps at once gains nothing.
        lock (SynthLock)
        {
            System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
            OutputDirectory = Directory.CreateTempSubdirectory($"shop-cdk-{route}-").FullName;
            Settings = DeploySettings.Default with { Route = route };
            var app = new App(new AppProps { Outdir = OutputDirectory });
            Stacks = ShopApp.Build(app, Settings);
            app.Synth();
        }
    }

    public IEnumerable<string> TemplateFiles => Directory.GetFiles(OutputDirectory, "*.template.json");

    public IReadOnlyDictionary<string, JsonObject> Templates => TemplateFiles.ToDictionary(
        file => Path.GetFileName(file), file => JsonNode.Parse(File.ReadAllText(file))!.AsObject());

    public CloudFormation.CfnApp Cfn => new(Templates);

    public JsonObject JsonOf(Stack stack) => JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, stack.TemplateFile)))!.AsObject();

    public Template TemplateOf(Stack stack)
    {
        lock (SynthLock)
        {
            if (!_templates.TryGetValue(stack, out var template))
            {
                template = Template.FromStack(stack);
                _templates[stack] = template;
            }

            return template;
        }
    }
}

using System.Text.Json.Nodes;
using Amazon.CDK;

namespace Shop.Deploy.Tests;

/// <summary>
/// The CDK app synthesized once per deployment route (a synth starts a Node.js process and takes seconds), into a
/// folder of its own; tests read the templates it wrote (<see cref="Templates"/>, <see cref="Cfn"/>), never the
/// constructs: the jsii runtime behind them is one pipe to one Node.js process and not safe to call from the tests'
/// parallel threads, so every call to it happens here, under one lock.
/// </summary>
public sealed class SynthesizedApp
{
    private static readonly Lazy<SynthesizedApp> EcsRoute = new(() => new SynthesizedApp(DeploymentRoute.Ecs));
    private static readonly Lazy<SynthesizedApp> CodeDeployRoute = new(() => new SynthesizedApp(DeploymentRoute.CodeDeploy));
    private static readonly Lock JsiiLock = new();

    /// <summary>Both deployment routes, for tests that hold on each.</summary>
    public static TheoryData<DeploymentRoute> Routes => [DeploymentRoute.Ecs, DeploymentRoute.CodeDeploy];

    public static SynthesizedApp For(DeploymentRoute route) => route == DeploymentRoute.Ecs ? EcsRoute.Value : CodeDeployRoute.Value;

    public DeploySettings Settings { get; }

    public string OutputDirectory { get; }

    private SynthesizedApp(DeploymentRoute route)
    {
        lock (JsiiLock)
        {
            System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
            OutputDirectory = Directory.CreateTempSubdirectory($"shop-cdk-{route}-").FullName;
            Settings = DeploySettings.Default with { Route = route };
            var app = new App(new AppProps { Outdir = OutputDirectory });
            ShopApp.Build(app, Settings);
            app.Synth();
        }
    }

    public IEnumerable<string> TemplateFiles => Directory.GetFiles(OutputDirectory, "*.template.json");

    public IReadOnlyDictionary<string, JsonObject> Templates => TemplateFiles.ToDictionary(
        file => Path.GetFileName(file), file => JsonNode.Parse(File.ReadAllText(file))!.AsObject());

    public CloudFormation.CfnApp Cfn => new(Templates);

    /// <summary>The stack <see cref="ShopApp.StackName"/> names with <paramref name="part"/> (e.g. "messaging").</summary>
    public string StackName(string part) => ShopApp.StackName(Settings, part);

    public JsonObject JsonOf(string part) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, $"{StackName(part)}.template.json")))!.AsObject();
}

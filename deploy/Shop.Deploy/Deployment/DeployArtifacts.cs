namespace Shop.Deploy.Deployment;

/// <summary>
/// What buildspec.yml hands the pipeline's deploy stage, named once for both (tests/Shop.Deploy.Tests checks the
/// buildspec against these names).
/// </summary>
public static class DeployArtifacts
{
    /// <summary>The build's main output artifact: one <see cref="ImageDefinitions"/> file per service.</summary>
    public const string BuildOutput = "BuildOutput";

    /// <summary>For ECS's deploy action: <c>[{"name": container, "imageUri": image}]</c>.</summary>
    public static string ImageDefinitions(string service) => $"imagedefinitions-{service}.json";

    /// <summary>The output artifact holding one CodeDeploy-deployed service's three files at its root.</summary>
    public static string CodeDeployArtifact(string service) => $"CodeDeploy_{service}";

    /// <summary>CodeDeploy's image input: <c>{"ImageURI": image}</c>; the action requires this file name.</summary>
    public const string ImageDetail = "imageDetail.json";

    /// <summary>The running task definition with the image replaced by <c>&lt;IMAGE1_NAME&gt;</c>.</summary>
    public const string TaskDefinition = "taskdef.json";

    public const string AppSpec = "appspec.yaml";

    /// <summary>The placeholder CodeDeploy fills with the new image in <see cref="TaskDefinition"/>.</summary>
    public const string ImagePlaceholder = "IMAGE1_NAME";
}

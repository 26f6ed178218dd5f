using System.Text.Json.Nodes;

namespace Shop.Deploy.Tests.CloudFormation;

/// <summary>One resource of a synthesized template, with the stack (template file name) it is in.</summary>
public sealed record CfnResource(string Stack, string LogicalId, string Type, JsonObject Properties)
{
    public string? String(string property) => Text(Properties[property]);

    /// <summary>The string <paramref name="node"/> holds, or null when it is anything else (an intrinsic function, a number).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public override string ToString() => $"{Stack}/{LogicalId} ({Type})";
}

using System.Text.Json.Nodes;

namespace Shop.Deploy.Tests.CloudFormation;

/// <summary>
/// Every synthesized template of one app, walked as CloudFormation will see it: references (<c>Ref</c>,
/// <c>Fn::GetAtt</c>) resolve within a stack, and <c>Fn::ImportValue</c> to the resource another stack exported.
/// </summary>
public sealed class CfnApp(IReadOnlyDictionary<string, JsonObject> templates)
{
    public IEnumerable<CfnResource> Resources => templates.SelectMany(template => template.Value["Resources"]!.AsObject()
        .Select(resource => new CfnResource(
            template.Key,
            resource.Key,
            (string)resource.Value!["Type"]!,
            resource.Value["Properties"] as JsonObject ?? [])));

    public IEnumerable<CfnResource> OfType(string type) => Resources.Where(resource => resource.Type == type);

    public CfnResource Get(string stack, string logicalId) =>
        Resources.Single(resource => resource.Stack == stack && resource.LogicalId == logicalId);

    /// <summary>The resource <paramref name="expression"/> (a Ref, GetAtt or ImportValue of one) points at; null for anything else.</summary>
    public CfnResource? Resolve(string stack, JsonNode? expression)
    {
        switch (expression)
        {
            case JsonObject reference when reference["Ref"] is JsonValue id:
                return Find(stack, (string)id!);
            case JsonObject attribute when attribute["Fn::GetAtt"] is JsonArray getAtt:
                return Find(stack, (string)getAtt[0]!);
            case JsonObject import when import["Fn::ImportValue"] is JsonValue exportName:
                var (exportingStack, value) = Export((string)exportName!);
                return Resolve(exportingStack, value);
            default:
                return null;
        }
    }

    private CfnResource? Find(string stack, string logicalId) =>
        templates[stack]["Resources"]!.AsObject().ContainsKey(logicalId) ? Get(stack, logicalId) : null;

    private (string Stack, JsonNode? Value) Export(string name)
    {
        foreach (var (stack, template) in templates)
        {
            foreach (var output in template["Outputs"]?.AsObject() ?? [])
            {
                if ((string?)output.Value!["Export"]?["Name"] == name)
                {
                    return (stack, output.Value["Value"]);
                }
            }
        }

        throw new InvalidOperationException($"No stack exports {name}.");
    }
}

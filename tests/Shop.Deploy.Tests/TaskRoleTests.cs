using System.Text.Json.Nodes;
using Shop.Contracts.Topology;
using Shop.Deploy.Services;
using Shop.Deploy.Tests.CloudFormation;

namespace Shop.Deploy.Tests;

/// <summary>
/// Walks every statement of every policy attached to a service's task role or execution role and resolves each
/// resource it names (across stacks) to the resource's physical name: a service may touch only its own topic, queue,
/// tables, database secret, image repository and log group, the messaging key if it has messaging, and "*" only for
/// the few actions AWS offers no resource-level permission for.
/// </summary>
public sealed class TaskRoleTests
{
    /// <summary>Actions that accept no resource but "*" (AWS's service authorization reference).</summary>
    private static readonly HashSet<string> WildcardOnly =
        ["ecr:GetAuthorizationToken", .. TaskPermissions.TraceActions];

    private static readonly HashSet<string> ImagePull = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];

    private static readonly HashSet<string> SecretRead = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"];

    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Every_task_role_and_execution_role_touches_only_its_own_services_resources(DeploymentRoute route)
    {
        var app = SynthesizedApp.For(route);
        var cfn = app.Cfn;
        var checkedStatements = 0;

        foreach (var service in ShopServices.All)
        {
            var taskDefinition = cfn.OfType("AWS::ECS::TaskDefinition").Single(t => t.String("Family") == Naming.Service(app.Settings, service));
            foreach (var roleProperty in new[] { "TaskRoleArn", "ExecutionRoleArn" })
            {
                var role = cfn.Resolve(taskDefinition.Stack, taskDefinition.Properties[roleProperty])!;
                role.Properties["ManagedPolicyArns"].ShouldBeNull($"{service.Name}'s {roleProperty} has managed policies");
                role.Properties["Policies"].ShouldBeNull($"{service.Name}'s {roleProperty} has inline policies outside AWS::IAM::Policy");

                foreach (var statement in StatementsOf(cfn, role))
                {
                    ((string)statement["Effect"]!).ShouldBe("Allow");
                    statement["NotAction"].ShouldBeNull();
                    statement["NotResource"].ShouldBeNull();
                    var actions = Strings(statement["Action"]);
                    foreach (var resource in Items(statement["Resource"]))
                    {
                        Allowed(app, role.Stack, service, actions, resource).ShouldBeTrue(
                            $"{service.Name} ({roleProperty}) may {string.Join(", ", actions)} on {resource.ToJsonString()}");
                        checkedStatements++;
                    }
                }
            }
        }

        checkedStatements.ShouldBeGreaterThan(ShopServices.All.Count * 4);
    }

    private static bool Allowed(SynthesizedApp app, string stack, ShopServiceDefinition service, string[] actions, JsonNode resource)
    {
        if (resource is JsonValue value && (string)value! == "*")
        {
            return actions.All(WildcardOnly.Contains);
        }

        var target = app.Cfn.Resolve(stack, resource) ?? throw new ShouldAssertException($"Unresolvable resource {resource.ToJsonString()}");
        var settings = app.Settings;
        var messaging = service.Messaging;
        return target.Type switch
        {
            "AWS::SNS::Topic" => messaging?.Publishes is { } topic
                && target.String("TopicName") == settings.PhysicalName(topic.Name)
                && actions.All(TaskPermissions.PublishActions.Contains),
            "AWS::SQS::Queue" => messaging?.Consumes is { } queue
                && target.String("QueueName") == settings.PhysicalName(queue.Name)
                && actions.All(TaskPermissions.ConsumeActions.Contains),
            "AWS::KMS::Key" => messaging is not null && actions.All(TaskPermissions.KeyActions.Contains),
            "AWS::DynamoDB::Table" => service.Tables.Any(table => target.String("TableName") == settings.PhysicalName(table.Name))
                && actions.All(TaskPermissions.TableActions.Contains),
            "AWS::SecretsManager::Secret" => service.Database is not null
                && target.String("Name") == $"{settings.Prefix}/database/{service.Name}"
                && actions.All(SecretRead.Contains),
            "AWS::ECR::Repository" => target.String("RepositoryName") == Naming.Repository(settings, service) && actions.All(ImagePull.Contains),
            "AWS::Logs::LogGroup" => target.String("LogGroupName") == Naming.LogGroup(settings, service)
                && actions.All(TaskPermissions.LogActions.Contains),
            _ => false,
        };
    }

    private static IEnumerable<JsonObject> StatementsOf(CfnApp cfn, CfnResource role) => cfn.OfType("AWS::IAM::Policy")
        .Where(policy => policy.Stack == role.Stack && Items(policy.Properties["Roles"]).Any(r => cfn.Resolve(policy.Stack, r) == role))
        .SelectMany(policy => Items(policy.Properties["PolicyDocument"]!["Statement"]).Cast<JsonObject>());

    private static string[] Strings(JsonNode? node) => [.. Items(node).Select(item => (string)item!)];

    private static IEnumerable<JsonNode> Items(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(item => item!),
        null => [],
        _ => [node],
    };
}

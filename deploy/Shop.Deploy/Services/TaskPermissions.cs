using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace Shop.Deploy.Services;

/// <summary>
/// What a service's task role may do, and nothing more: publish to its own topic, consume its own queue, use the
/// messaging key for those, read and write its own tables, and let its collector send telemetry. The actions are the
/// ones the services' code calls (Shop.Messaging, basket's store); provisioning calls are absent, since the stacks
/// own the topology in AWS. The execution role (image pull, log stream, its own database secret) is CDK's, scoped
/// to the same service's resources.
/// </summary>
public static class TaskPermissions
{
    public static readonly string[] PublishActions = ["sns:Publish"];

    public static readonly string[] ConsumeActions =
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"];

    public static readonly string[] KeyActions = ["kms:Decrypt", "kms:GenerateDataKey"];

    public static readonly string[] TableActions =
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"];

    /// <summary>X-Ray has no resource-level permissions for these: <c>*</c> is the only resource it accepts.</summary>
    public static readonly string[] TraceActions =
        ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"];

    public static readonly string[] LogActions = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"];

    public static void Grant(ServiceWorkload workload, Topic? topic, Queue? queue, IKey? messagingKey, IEnumerable<Table> tables)
    {
        var role = workload.TaskDefinition.TaskRole;
        if (topic is not null)
        {
            Allow(role, PublishActions, topic.TopicArn);
        }

        if (queue is not null)
        {
            Allow(role, ConsumeActions, queue.QueueArn);
        }

        if ((topic is not null || queue is not null) && messagingKey is not null)
        {
            Allow(role, KeyActions, messagingKey.KeyArn);
        }

        var tableArns = tables.Select(table => table.TableArn).ToArray();
        if (tableArns.Length > 0)
        {
            Allow(role, TableActions, tableArns);
        }

        Allow(role, TraceActions, "*");
        Allow(role, LogActions, workload.Logs.LogGroupArn);
    }

    private static void Allow(IRole role, string[] actions, params string[] resources) =>
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = actions, Resources = resources }));
}

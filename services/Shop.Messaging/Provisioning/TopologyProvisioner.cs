using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;
using Shop.Messaging.Sns;

namespace Shop.Messaging.Provisioning;

/// <summary>
/// Creates, idempotently, what one service needs: the topic it publishes to, and its queue with a DLQ and redrive
/// policy, a policy letting its topics send to it, and a raw-delivery subscription per topic filtered on <c>type</c>.
/// For local runs and tests; elsewhere the deployment creates these resources and provisioning is off.
/// </summary>
public sealed class TopologyProvisioner(ISnsClient sns, IAmazonSQS sqs, MessagingResources resources)
{
    public async Task ProvisionAsync(ServiceTopology service, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        if (service.Publishes is { } topic)
        {
            await sns.CreateTopicAsync(resources.PhysicalName(topic.Name), cancellationToken);
        }

        if (service.Consumes is { } queue)
        {
            await ProvisionQueueAsync(queue, visibilityTimeout, cancellationToken);
        }
    }

    private async Task ProvisionQueueAsync(QueueDefinition queue, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var deadLetterUrl = (await sqs.CreateQueueAsync(resources.PhysicalName(queue.DeadLetterName), cancellationToken)).QueueUrl;
        await sqs.SetQueueAttributesAsync(
            deadLetterUrl,
            new Dictionary<string, string> { ["MessageRetentionPeriod"] = TimeSpan.FromDays(14).TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken);
        var deadLetterArn = await QueueArnAsync(deadLetterUrl, cancellationToken);

        var queueUrl = (await sqs.CreateQueueAsync(resources.PhysicalName(queue.Name), cancellationToken)).QueueUrl;
        var queueArn = await QueueArnAsync(queueUrl, cancellationToken);

        var topicArns = new List<string>();
        foreach (var subscription in queue.Subscriptions)
        {
            topicArns.Add(await sns.CreateTopicAsync(resources.PhysicalName(subscription.Topic.Name), cancellationToken));
        }

        await sqs.SetQueueAttributesAsync(
            queueUrl,
            new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = ((int)visibilityTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = JsonSerializer.Serialize(new { deadLetterTargetArn = deadLetterArn, maxReceiveCount = QueueDefinition.MaxReceiveCount }),
                ["Policy"] = SendFromTopicsPolicy(queueArn, topicArns),
            },
            cancellationToken);

        for (var i = 0; i < queue.Subscriptions.Count; i++)
        {
            var filter = JsonSerializer.Serialize(new Dictionary<string, IEnumerable<string>>
            {
                [MessageAttributes.Type] = queue.Subscriptions[i].EventTypeNames,
            });
            await SubscribeAsync(topicArns[i], queueArn, filter, cancellationToken);
        }
    }

    /// <summary>
    /// SNS refuses to subscribe the same queue again with different attributes: when a queue's event types change,
    /// take the existing subscription (Subscribe without attributes returns it) and set its filter policy.
    /// </summary>
    private async Task SubscribeAsync(string topicArn, string queueArn, string filter, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, string> { ["RawMessageDelivery"] = "true", ["FilterPolicy"] = filter };
        try
        {
            await sns.SubscribeAsync(topicArn, "sqs", queueArn, attributes, cancellationToken);
        }
        catch (SnsException ex) when (ex.Code == "InvalidParameter" && ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            var existing = await sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string>(), cancellationToken);
            foreach (var (name, value) in attributes)
            {
                await sns.SetSubscriptionAttributesAsync(existing, name, value, cancellationToken);
            }
        }
    }

    private async Task<string> QueueArnAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], cancellationToken);
        return attributes.QueueARN;
    }

    private static string SendFromTopicsPolicy(string queueArn, IEnumerable<string> topicArns) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Effect = "Allow",
                Principal = new { Service = "sns.amazonaws.com" },
                Action = "sqs:SendMessage",
                Resource = queueArn,
                Condition = new { ArnEquals = new Dictionary<string, string[]> { ["aws:SourceArn"] = [.. topicArns] } },
            },
        },
    });
}

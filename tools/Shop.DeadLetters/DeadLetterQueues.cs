using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;

namespace Shop.DeadLetters;

/// <summary>Inspects the shop's dead-letter queues and moves their messages back to the queues they came from.</summary>
public sealed class DeadLetterQueues(IAmazonSQS sqs, string prefix)
{
    /// <summary>Every queue of the topology whose DLQ exists, with its depth and up to <paramref name="peek"/> messages.</summary>
    public async Task<IReadOnlyList<DeadLetterReport>> ListAsync(int peek, CancellationToken cancellationToken)
    {
        var reports = new List<DeadLetterReport>();
        foreach (var queue in ShopTopology.Queues)
        {
            var url = await UrlOrNullAsync(queue.DeadLetterName, cancellationToken);
            if (url is null)
            {
                continue;
            }

            var attributes = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], cancellationToken);
            var depth = attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
            var messages = depth > 0 && peek > 0 ? await PeekAsync(url, peek, cancellationToken) : [];
            reports.Add(new DeadLetterReport(queue.Name, PhysicalName.Of(prefix, queue.DeadLetterName), depth, messages));
        }

        return reports;
    }

    /// <summary>Moves every message of <paramref name="queueName"/>'s DLQ back to it, body and attributes unchanged; returns how many.</summary>
    public async Task<int> RedriveAsync(string queueName, CancellationToken cancellationToken)
    {
        var queue = ShopTopology.Queues.SingleOrDefault(q => q.Name == queueName)
            ?? throw new ArgumentException($"Unknown queue '{queueName}'; the queues are {string.Join(", ", ShopTopology.Queues.Select(q => q.Name))}.", nameof(queueName));
        var deadLetterUrl = await UrlOrNullAsync(queue.DeadLetterName, cancellationToken)
            ?? throw new InvalidOperationException($"{PhysicalName.Of(prefix, queue.DeadLetterName)} does not exist.");
        var sourceUrl = (await sqs.GetQueueUrlAsync(PhysicalName.Of(prefix, queue.Name), cancellationToken)).QueueUrl;

        var moved = 0;
        while (true)
        {
            var batch = await ReceiveAsync(deadLetterUrl, 10, visibility: 60, cancellationToken);
            if (batch.Count == 0)
            {
                return moved;
            }

            // Send first, delete second: a crash in between duplicates a message (the inbox absorbs it), never loses one.
            var sent = await sqs.SendMessageBatchAsync(
                sourceUrl,
                batch.Select((m, i) => new SendMessageBatchRequestEntry(Id(i), m.Body) { MessageAttributes = m.MessageAttributes }).ToList(),
                cancellationToken);
            var delivered = (sent.Successful ?? []).Select(s => batch[int.Parse(s.Id, CultureInfo.InvariantCulture)]).ToList();
            if (delivered.Count > 0)
            {
                await sqs.DeleteMessageBatchAsync(
                    deadLetterUrl,
                    delivered.Select((m, i) => new DeleteMessageBatchRequestEntry(Id(i), m.ReceiptHandle)).ToList(),
                    cancellationToken);
            }

            moved += delivered.Count;
            if (sent.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException(
                    $"Moved {moved}; SQS refused {failed.Count}: {failed[0].Code} {failed[0].Message}. They stay in the DLQ.");
            }
        }
    }

    private async Task<List<DeadLetter>> PeekAsync(string url, int count, CancellationToken cancellationToken)
    {
        // Visibility 0: looking does not hide the messages from a redrive right after.
        var messages = await ReceiveAsync(url, Math.Min(count, 10), visibility: 0, cancellationToken);
        return messages.Select(m => new DeadLetter(
            m.MessageId,
            m.MessageAttributes.GetValueOrDefault(MessageAttributes.Type)?.StringValue,
            m.MessageAttributes.GetValueOrDefault(MessageAttributes.Id)?.StringValue,
            int.TryParse(m.Attributes.GetValueOrDefault("ApproximateReceiveCount"), CultureInfo.InvariantCulture, out var n) ? n : 0,
            m.Body)).ToList();
    }

    private async Task<List<Message>> ReceiveAsync(string url, int count, int visibility, CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = count,
                VisibilityTimeout = visibility,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            },
            cancellationToken);
        return response.Messages ?? [];
    }

    private async Task<string?> UrlOrNullAsync(string logicalName, CancellationToken cancellationToken)
    {
        try
        {
            return (await sqs.GetQueueUrlAsync(PhysicalName.Of(prefix, logicalName), cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);
}

using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Topology;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>Reads a test's queues directly through the SQS API, as an outside observer.</summary>
public sealed class QueueReader(IAmazonSQS sqs, string prefix)
{
    public async Task<string> UrlAsync(string logicalName) =>
        (await sqs.GetQueueUrlAsync(PhysicalName.Of(prefix, logicalName))).QueueUrl;

    /// <summary>Receives and deletes whatever arrives within <paramref name="wait"/> (stops early once <paramref name="expected"/> arrived).</summary>
    public async Task<List<Message>> DrainAsync(string logicalName, TimeSpan wait, int expected = int.MaxValue)
    {
        var url = await UrlAsync(logicalName);
        var received = new List<Message>();
        var deadline = DateTime.UtcNow + wait;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                received.Add(message);
                await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
            }
        }

        return received;
    }

    public async Task<int> DepthAsync(string logicalName)
    {
        var attributes = await sqs.GetQueueAttributesAsync(await UrlAsync(logicalName), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}

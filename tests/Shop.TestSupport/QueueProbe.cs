using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;

namespace Shop.TestSupport;

/// <summary>A test's view of the shop's queues through the SQS API: what a service published, and events sent as another service would.</summary>
public sealed class QueueProbe(IAmazonSQS sqs, string prefix) : IDisposable
{
    /// <summary>The queues of a running shop whose moto server listens at <paramref name="endpoint"/>, with the credentials it accepts.</summary>
    public static QueueProbe OnMoto(Uri endpoint, string prefix) =>
        new(
            new AmazonSQSClient(new Amazon.Runtime.BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" }),
            prefix);

    public async Task<string> UrlAsync(string queue) => (await sqs.GetQueueUrlAsync(PhysicalName.Of(prefix, queue))).QueueUrl;

    /// <summary>Receives (and deletes) events from <paramref name="queue"/> until <paramref name="expected"/> arrived or <paramref name="wait"/> passed.</summary>
    public async Task<List<ReceivedEvent>> DrainAsync(string queue, TimeSpan wait, int expected = int.MaxValue)
    {
        var url = await UrlAsync(queue);
        var received = new List<ReceivedEvent>();
        var deadline = DateTime.UtcNow + wait;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                received.Add(new ReceivedEvent(message.MessageAttributes[MessageAttributes.Type].StringValue, JsonDocument.Parse(message.Body).RootElement));
                await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
            }
        }

        return received;
    }

    /// <summary>
    /// Receives (and deletes) from <paramref name="queue"/> until <paramref name="expected"/> events of type
    /// <typeparamref name="T"/> matching <paramref name="match"/> arrived or <paramref name="wait"/> passed; returns
    /// those, ignoring what other tests left in the queue.
    /// </summary>
    public async Task<List<T>> CollectAsync<T>(string queue, Func<T, bool> match, TimeSpan wait, int expected = 1)
        where T : IIntegrationEvent
    {
        var found = new List<T>();
        var deadline = DateTime.UtcNow + wait;
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            found.AddRange((await DrainAsync(queue, deadline - DateTime.UtcNow, expected: 1))
                .Where(e => e.Type == EventType.NameOf<T>())
                .Select(e => e.As<T>())
                .Where(match));
        }

        return found;
    }

    /// <summary>Sends <paramref name="event"/> to <paramref name="queue"/> as SNS raw delivery would hand it over; returns its event id.</summary>
    public async Task<Guid> SendAsync(string queue, IIntegrationEvent @event, Guid? eventId = null)
    {
        var id = eventId ?? Guid.NewGuid();
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = await UrlAsync(queue),
            MessageBody = JsonSerializer.Serialize(@event, @event.GetType(), EventJson.Options),
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [MessageAttributes.Type] = Text(EventType.NameOf(@event.GetType())),
                [MessageAttributes.Id] = Text(id.ToString()),
                [MessageAttributes.Time] = Text(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
                [MessageAttributes.Source] = Text("test"),
                [MessageAttributes.ContentType] = Text(MessageAttributes.JsonContentType),
            },
        });
        return id;
    }

    /// <summary>
    /// Sends a message no consumer can read (a body that is not JSON, under an event type the queue's consumer
    /// handles) to <paramref name="queue"/>; returns the event id it carries.
    /// </summary>
    public async Task<string> SendPoisonAsync(string queue, string eventType, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        await sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = await UrlAsync(queue),
                MessageBody = "{not json",
                MessageAttributes = new Dictionary<string, MessageAttributeValue>
                {
                    [MessageAttributes.Type] = Text(eventType),
                    [MessageAttributes.Id] = Text(id),
                    [MessageAttributes.Source] = Text("test"),
                },
            },
            cancellationToken);
        return id;
    }

    /// <summary>Receives (and deletes) every message in <paramref name="queue"/>; answers their event ids (the <c>id</c> attribute, or "(none)").</summary>
    public async Task<List<string>> DrainIdsAsync(string queue, CancellationToken cancellationToken)
    {
        var url = await UrlAsync(queue);
        var ids = new List<string>();
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 0, MessageAttributeNames = ["All"] },
                cancellationToken);
            if (response.Messages is not { Count: > 0 } messages)
            {
                return ids;
            }

            ids.AddRange(messages.Select(m => m.MessageAttributes.TryGetValue(MessageAttributes.Id, out var id) ? id.StringValue : "(none)"));
            await sqs.DeleteMessageBatchAsync(
                url,
                [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle))],
                cancellationToken);
        }
    }

    /// <summary>Messages in <paramref name="queue"/>, visible or in flight.</summary>
    public async Task<int> DepthAsync(string queue)
    {
        var attributes = await sqs.GetQueueAttributesAsync(await UrlAsync(queue), ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>Messages of <paramref name="queue"/> a consumer has received and not yet deleted.</summary>
    public async Task<int> InFlightAsync(string queue) =>
        (await sqs.GetQueueAttributesAsync(await UrlAsync(queue), ["ApproximateNumberOfMessagesNotVisible"])).ApproximateNumberOfMessagesNotVisible;

    public void Dispose() => sqs.Dispose();

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };
}

/// <summary>An event as a consumer received it: its <c>type</c> attribute and its JSON body.</summary>
public sealed record ReceivedEvent(string Type, JsonElement Body)
{
    public T As<T>() => Body.Deserialize<T>(EventJson.Options)!;
}

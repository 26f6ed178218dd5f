using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Events;
using Shop.Messaging.Envelope;

namespace Shop.Bench.Messaging;

/// <summary>One round of the peer: how much a plain AWS SDK program gets through one queue on the same endpoint.</summary>
public sealed record PeerRound(int Messages, TimeSpan Elapsed, TimeSpan SendsDone, int PeakBacklog)
{
    public double Rate => Messages / Elapsed.TotalSeconds;
}

/// <summary>
/// The raw SDK way: a sender task calls SendMessage once per message (the body and attributes our envelope carries),
/// while a receiver task long-polls ReceiveMessage for up to 10, parses each body and calls DeleteMessage once per message.
/// </summary>
public sealed class RawSqsPeer(BenchServers servers)
{
    private const int LongPollSeconds = 20;

    public async Task<PeerRound> RunAsync(int round, int messages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var sqs = servers.CreateSqsClient();
        var queueUrl = (await sqs.CreateQueueAsync(BenchServers.NewPrefix("peer", round) + "-queue", cancellationToken)).QueueUrl;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        abort.CancelAfter(timeout);
        var received = new HashSet<string>();
        var progress = new PeerProgress();

        var clock = Stopwatch.StartNew();
        var sender = SendAllAsync(sqs, queueUrl, messages, progress, clock, abort.Token);
        var receiver = ReceiveAllAsync(sqs, queueUrl, messages, received, progress, clock, abort.Token);
        try
        {
            // A failing side must not leave the other waiting for the deadline.
            if ((await Task.WhenAny(sender, receiver)).IsFaulted)
            {
                await abort.CancelAsync();
            }

            await Task.WhenAll(sender, receiver);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Raw SDK round {round}: {received.Count} of {messages} messages received and deleted within {timeout.TotalSeconds:0} s.");
        }

        await sqs.DeleteQueueAsync(queueUrl, CancellationToken.None);
        return new PeerRound(messages, await receiver, await sender, progress.PeakBacklog);
    }

    private static async Task<TimeSpan> SendAllAsync(
        IAmazonSQS sqs, string queueUrl, int messages, PeerProgress progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        for (var i = 0; i < messages; i++)
        {
            var order = new OrderPlaced(Guid.NewGuid(), $"customer-{i % 100}", [new OrderLine(1 + (i % 50), 1)]);
            await sqs.SendMessageAsync(
                new SendMessageRequest
                {
                    QueueUrl = queueUrl,
                    MessageBody = JsonSerializer.Serialize(order, EventJson.Options),
                    MessageAttributes = EnvelopeAttributes(),
                },
                cancellationToken);
            progress.Sent();
        }

        return clock.Elapsed;
    }

    private static async Task<TimeSpan> ReceiveAllAsync(
        IAmazonSQS sqs, string queueUrl, int messages, HashSet<string> received, PeerProgress progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (received.Count < messages)
        {
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = LongPollSeconds,
                    MessageAttributeNames = ["All"],
                },
                cancellationToken);
            progress.Received(received.Count);
            foreach (var message in response.Messages ?? [])
            {
                _ = JsonSerializer.Deserialize<OrderPlaced>(message.Body, EventJson.Options)
                    ?? throw new InvalidOperationException($"Message {message.MessageId} has an empty body.");
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
                received.Add(message.MessageId);
            }
        }

        return clock.Elapsed;
    }

    // What the outbox dispatcher puts on every event (and SNS raw delivery copies onto the SQS message).
    private static Dictionary<string, MessageAttributeValue> EnvelopeAttributes()
    {
        var traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
        return new Dictionary<string, MessageAttributeValue>
        {
            [MessageAttributes.Type] = Text(nameof(OrderPlaced)),
            [MessageAttributes.Id] = Text(Guid.CreateVersion7().ToString()),
            [MessageAttributes.Time] = Text(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
            [MessageAttributes.Source] = Text("ordering"),
            [MessageAttributes.ContentType] = Text(MessageAttributes.JsonContentType),
            [MessageAttributes.TraceParent] = Text(traceParent),
        };
    }

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };

    /// <summary>The backlog (sent, not yet deleted), sampled at every receive.</summary>
    private sealed class PeerProgress
    {
        private int _sent;

        public int PeakBacklog { get; private set; }

        public void Sent() => Interlocked.Increment(ref _sent);

        public void Received(int deleted) => PeakBacklog = Math.Max(PeakBacklog, Volatile.Read(ref _sent) - deleted);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Shop.Contracts.Events;
using Shop.Messaging.Envelope;

namespace Shop.Bench.Messaging;

/// <summary>
/// The plain AWS SDK way on one SQS queue: the producer calls SendMessage once per event (the body and attributes our
/// envelope carries); one receiver long-polls ReceiveMessage for up to 10, handles each message and calls
/// DeleteMessage once per message. No outbox, no inbox: a message received twice is handled twice.
/// </summary>
public sealed class RawSqsSide(BenchServers servers) : ISide
{
    private const int LongPollSeconds = 20;

    public string Name => "raw SDK";

    public async Task<ISideSession> StartAsync(string prefix, CancellationToken cancellationToken)
    {
        var queueUrl = (await servers.Observer.CreateQueueAsync($"{prefix}-queue", cancellationToken)).QueueUrl;
        return new Session(servers, queueUrl);
    }

    private sealed class Session : ISideSession
    {
        private readonly BenchServers _servers;
        private readonly string _queueUrl;
        private readonly AmazonSQSClient _sqs;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _receiving;

        public Session(BenchServers servers, string queueUrl)
        {
            _servers = servers;
            _queueUrl = queueUrl;
            _sqs = servers.CreateSqsClient(Requests);
            _receiving = ReceiveAsync(_stop.Token);
        }

        public Deliveries Deliveries { get; } = new();

        public RequestCounter Requests { get; } = new();

        public Task OfferAsync(OrderPlaced order, CancellationToken cancellationToken) =>
            _sqs.SendMessageAsync(
                new SendMessageRequest
                {
                    QueueUrl = _queueUrl,
                    MessageBody = JsonSerializer.Serialize(order, EventJson.Options),
                    MessageAttributes = EnvelopeAttributes(),
                },
                cancellationToken);

        public Task<int> BacklogAsync(CancellationToken cancellationToken) => _servers.QueueDepthAsync(_queueUrl, cancellationToken);

        /// <summary>Nothing to check beyond what <see cref="Deliveries"/> counted: without an inbox, a redelivery is handled again.</summary>
        public Task VerifyAsync(IReadOnlyCollection<OrderPlaced> orders, CancellationToken cancellationToken) => Task.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _receiving;
            }
            catch (OperationCanceledException)
            {
            }

            await _servers.Observer.DeleteQueueAsync(_queueUrl, CancellationToken.None);
            _sqs.Dispose();
            _stop.Dispose();
        }

        private async Task ReceiveAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                ReceiveMessageResponse response;
                try
                {
                    response = await _sqs.ReceiveMessageAsync(
                        new ReceiveMessageRequest
                        {
                            QueueUrl = _queueUrl,
                            MaxNumberOfMessages = 10,
                            WaitTimeSeconds = LongPollSeconds,
                            MessageAttributeNames = ["All"],
                        },
                        stop);
                }
                catch (AmazonSQSException e)
                {
                    await Console.Error.WriteLineAsync($"raw SDK receive failed, trying again: {e.Message}");
                    continue;
                }

                foreach (var message in response.Messages ?? [])
                {
                    var order = JsonSerializer.Deserialize<OrderPlaced>(message.Body, EventJson.Options)
                        ?? throw new InvalidOperationException($"Message {message.MessageId} has an empty body.");
                    Deliveries.MarkApplied(order.OrderId);
                    await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle, stop);
                }
            }
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
    }
}

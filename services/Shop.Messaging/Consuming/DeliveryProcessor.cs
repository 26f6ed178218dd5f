using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Consuming;

/// <summary>
/// What happens to a received message: it is handled in a consumer span under the handler timeout; a failure hides it
/// for a growing delay (after <see cref="QueueDefinition.MaxReceiveCount"/> receives the redrive policy moves it to
/// the DLQ); a handler cut off by shutdown makes it visible again at once; what was handled is deleted in one batch.
/// </summary>
internal sealed class DeliveryProcessor(
    IAmazonSQS sqs,
    MessagingResources resources,
    EventDispatcher dispatcher,
    ServiceTopology topology,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<DeliveryProcessor> logger)
{
    private readonly QueueDefinition _queue = topology.Consumes ?? throw new InvalidOperationException($"{topology.Service} consumes no queue.");

    public IReadOnlyCollection<string> HandledTypes => dispatcher.HandledTypes;

    /// <summary>Handles one delivery; true when it is done with (applied or a duplicate) and may be deleted.</summary>
    /// <param name="abort">Cancelled when shutdown runs out of time.</param>
    public async Task<bool> HandleAsync(string queueUrl, Delivery delivery, VisibilityExtender keepInvisible, CancellationToken abort)
    {
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList { { "messaging.destination.name", resources.PhysicalName(_queue.Name) }, { "shop.event.type", delivery.Type ?? "unknown" } };
        using var span = StartProcessSpan(delivery);
        try
        {
            var context = delivery.ToContext(_queue.Name);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(abort);
            deadline.CancelAfter(options.Value.HandlerTimeout);
            var outcome = await dispatcher.DispatchAsync(delivery, context, deadline.Token);
            span?.SetTag("shop.messaging.outcome", outcome.ToString().ToLowerInvariant());
            telemetry.Consumed.Add(1, tags);
            return true;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Shutdown ran out of time: not the message's fault, so no failure, no backoff; it is visible again at once.
            keepInvisible.Stop(delivery.Message);
            await ChangeVisibilityAsync(queueUrl, delivery, TimeSpan.Zero);
            return false;
        }
        catch (Exception ex)
        {
            span?.AddException(ex).SetStatus(ActivityStatusCode.Error, ex.Message);
            keepInvisible.Stop(delivery.Message);
            await FailAsync(queueUrl, delivery, ex, tags);
            return false;
        }
        finally
        {
            telemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>Deletes handled messages in one call; a message whose delete fails is redelivered and skipped by the inbox.</summary>
    public async Task DeleteAsync(string queueUrl, IReadOnlyList<Message> done)
    {
        if (done.Count == 0)
        {
            return;
        }

        try
        {
            var response = await sqs.DeleteMessageBatchAsync(
                queueUrl,
                done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
                CancellationToken.None);
            foreach (var failure in response.Failed ?? [])
            {
                ConsumerLog.DeleteFailed(logger, failure.Id, failure.Code, failure.Message);
            }
        }
        catch (Exception ex)
        {
            ConsumerLog.DeleteBatchFailed(logger, ex, done.Count);
        }
    }

    private async Task FailAsync(string queueUrl, Delivery delivery, Exception exception, TagList tags)
    {
        telemetry.Failed.Add(1, tags);
        var lastReceive = delivery.ReceiveCount >= QueueDefinition.MaxReceiveCount;
        if (lastReceive)
        {
            telemetry.DeadLettered.Add(1, tags);
        }

        ConsumerLog.HandlerFailed(logger, exception, delivery.Message.MessageId, delivery.Type, delivery.ReceiveCount, lastReceive);
        var delay = Backoff.Delay(delivery.ReceiveCount, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay);
        await ChangeVisibilityAsync(queueUrl, delivery, delay);
    }

    // If this fails the message reappears after the receive's visibility timeout instead: later, but not lost.
    private async Task ChangeVisibilityAsync(string queueUrl, Delivery delivery, TimeSpan visibleIn)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, delivery.Message.ReceiptHandle, (int)visibleIn.TotalSeconds, CancellationToken.None);
        }
        catch (Exception ex)
        {
            ConsumerLog.VisibilityChangeFailed(logger, ex, delivery.Message.MessageId);
        }
    }

    private Activity? StartProcessSpan(Delivery delivery)
    {
        ActivityContext.TryParse(delivery.TraceParent, delivery.TraceState, isRemote: true, out var parent);
        var destination = resources.PhysicalName(_queue.Name);
        return MessagingTelemetry.ActivitySource.StartActivity($"process {destination}", ActivityKind.Consumer, parent)
            ?.SetTag("messaging.system", "aws_sqs")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.operation.name", "process")
            .SetTag("messaging.destination.name", destination)
            .SetTag("messaging.message.id", delivery.Message.MessageId)
            .SetTag("messaging.message.delivery_count", delivery.ReceiveCount)
            .SetTag("shop.event.type", delivery.Type);
    }
}

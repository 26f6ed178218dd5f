using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Consumes the service's queue: long-polls batches of up to 10, handles at most MaxConcurrency at once,
/// keeps a running handler's message invisible, deletes a batch's successes in one call, and hides a failure
/// for a growing delay. After <see cref="QueueDefinition.MaxReceiveCount"/> receives the queue's redrive policy
/// moves the message to its DLQ. On stop it receives no more and lets in-flight handlers finish (until the host's
/// shutdown timeout cancels them); whatever is not deleted simply becomes visible again.
/// </summary>
internal sealed partial class QueueConsumer(
    IAmazonSQS sqs,
    MessagingResources resources,
    IEventDispatcher dispatcher,
    ServiceTopology topology,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    ILogger<QueueConsumer> logger) : BackgroundService
{
    private readonly QueueDefinition _queue = topology.Consumes ?? throw new InvalidOperationException($"{topology.Service} consumes no queue.");
    private readonly CancellationTokenSource _abortHandlers = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly List<Task> _inFlight = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = _queue.EventTypes.Select(EventType.NameOf).Except(dispatcher.HandledTypes).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Queue {_queue.Name} subscribes to {string.Join(", ", missing)} but {topology.Service} registers no handler for it.");
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var abort = cancellationToken.Register(_abortHandlers.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        // _slots is not disposed: handlers cut off at shutdown may still release it.
        _abortHandlers.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ConsumeAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A missing queue at start, a timeout surfacing as cancellation: retry rather than stop the host.
                    LogConsumeFailed(logger, ex);
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(Snapshot());
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var queueUrl = await resources.QueueUrlAsync(_queue.Name, stoppingToken);
        LogConsuming(logger, resources.PhysicalName(_queue.Name));
        while (!stoppingToken.IsCancellationRequested)
        {
            var slots = await TakeSlotsAsync(stoppingToken);
            List<Message> messages;
            try
            {
                messages = await ReceiveAsync(queueUrl, slots, stoppingToken);
            }
            catch
            {
                _slots.Release(slots);
                throw;
            }

            if (messages.Count < slots)
            {
                _slots.Release(slots - messages.Count);
            }

            if (messages.Count > 0)
            {
                Track(HandleBatchAsync(queueUrl, messages));
            }
        }
    }

    /// <summary>
    /// Waits until a full receive's worth of handler slots (10, or MaxConcurrency if lower) is free: a receive costs
    /// one request whatever it returns, so asking for fewer than 10 wastes requests, and on a queue with a backlog
    /// every receive is slow. With MaxConcurrency above 10 the next receive overlaps the current batch.
    /// </summary>
    private async Task<int> TakeSlotsAsync(CancellationToken stoppingToken)
    {
        var wanted = Math.Min(10, options.Value.MaxConcurrency);
        var taken = 0;
        try
        {
            while (taken < wanted)
            {
                await _slots.WaitAsync(stoppingToken);
                taken++;
            }
        }
        catch (OperationCanceledException) when (taken > 0)
        {
            _slots.Release(taken);
            throw;
        }

        return taken;
    }

    private async Task<List<Message>> ReceiveAsync(string queueUrl, int count, CancellationToken stoppingToken)
    {
        try
        {
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = count,
                    // The extender renews this timeout, so it must be ours, whatever the queue's default is.
                    VisibilityTimeout = (int)options.Value.VisibilityTimeout.TotalSeconds,
                    WaitTimeSeconds = options.Value.ReceiveWaitSeconds,
                    MessageAttributeNames = ["All"],
                    MessageSystemAttributeNames = ["ApproximateReceiveCount"],
                },
                stoppingToken);
            return response.Messages ?? [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReceiveFailed(logger, ex);
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            return [];
        }

    }

    private async Task HandleBatchAsync(string queueUrl, List<Message> messages)
    {
        VisibilityExtender keepInvisible;
        try
        {
            keepInvisible = new VisibilityExtender(sqs, queueUrl, options.Value.VisibilityTimeout, messages, logger);
        }
        catch
        {
            _slots.Release(messages.Count); // each HandleOneAsync would have released one
            throw;
        }

        using (keepInvisible)
        {
            var handled = await Task.WhenAll(messages.Select(message => HandleOneAsync(queueUrl, new Delivery(message), keepInvisible)));
            await DeleteAsync(queueUrl, messages.Where((_, i) => handled[i]).ToList());
        }
    }

    /// <summary>Handles one delivery in the slot taken for it; true when it is done with (applied or a duplicate) and may be deleted.</summary>
    private async Task<bool> HandleOneAsync(string queueUrl, Delivery delivery, VisibilityExtender keepInvisible)
    {
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList { { "messaging.destination.name", resources.PhysicalName(_queue.Name) }, { "shop.event.type", delivery.Type ?? "unknown" } };
        using var span = StartProcessSpan(delivery);
        try
        {
            var context = delivery.ToContext(_queue.Name);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_abortHandlers.Token);
            deadline.CancelAfter(options.Value.HandlerTimeout);
            var outcome = await dispatcher.DispatchAsync(delivery, context, deadline.Token);
            span?.SetTag("shop.messaging.outcome", outcome.ToString().ToLowerInvariant());
            telemetry.Consumed.Add(1, tags);
            return true;
        }
        catch (OperationCanceledException) when (_abortHandlers.IsCancellationRequested)
        {
            // Shutdown ran out of time: not the message's fault, so no failure, no backoff; it is visible again at once.
            keepInvisible.Stop(delivery.Message);
            await ReleaseAsync(queueUrl, delivery);
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
            _slots.Release();
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

        LogHandlerFailed(logger, exception, delivery.Message.MessageId, delivery.Type, delivery.ReceiveCount, lastReceive);
        var delay = RetryDelay.For(delivery.ReceiveCount, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared.NextDouble());
        try
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, delivery.Message.ReceiptHandle, (int)delay.TotalSeconds, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message reappears after the queue's visibility timeout instead: later, but not lost.
            LogBackoffFailed(logger, ex, delivery.Message.MessageId);
        }
    }

    private async Task ReleaseAsync(string queueUrl, Delivery delivery)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, delivery.Message.ReceiptHandle, 0, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogBackoffFailed(logger, ex, delivery.Message.MessageId);
        }
    }

    private async Task DeleteAsync(string queueUrl, List<Message> done)
    {
        if (done.Count == 0)
        {
            return;
        }

        try
        {
            var response = await sqs.DeleteMessageBatchAsync(
                queueUrl,
                done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
                CancellationToken.None);
            foreach (var failure in response.Failed ?? [])
            {
                LogDeleteFailed(logger, failure.Id, failure.Code, failure.Message);
            }
        }
        catch (Exception ex)
        {
            // Redelivered later and absorbed by the inbox.
            LogDeleteBatchFailed(logger, ex, done.Count);
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

    private void Track(Task task)
    {
        lock (_inFlight)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }

    private Task[] Snapshot()
    {
        lock (_inFlight)
        {
            return [.. _inFlight];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consuming stopped on an error; starting again in 5 s")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving failed; trying again")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} ({Type}) failed on receive {ReceiveCount}; last receive: {LastReceive}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string messageId, string? type, int receiveCount, bool lastReceive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delay the retry of message {MessageId}")]
    private static partial void LogBackoffFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting entry {EntryId} failed: {Code} {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string entryId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting {Count} handled messages failed; they will be redelivered and skipped")]
    private static partial void LogDeleteBatchFailed(ILogger logger, Exception exception, int count);
}

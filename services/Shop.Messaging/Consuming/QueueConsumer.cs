using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;

namespace Shop.Messaging.Consuming;

/// <summary>
/// Consumes the service's queue: long-polls batches of up to 10, handles at most MaxConcurrency at once
/// (<see cref="DeliveryProcessor"/>), keeps a running handler's message invisible and deletes each batch's successes
/// in one call. On stop it receives no more and lets in-flight handlers finish (until the host's shutdown timeout
/// cancels them); whatever is not deleted simply becomes visible again.
/// </summary>
internal sealed class QueueConsumer(
    IAmazonSQS sqs,
    MessagingResources resources,
    DeliveryProcessor processor,
    ServiceTopology topology,
    IOptions<MessagingOptions> options,
    ILogger<QueueConsumer> logger) : BackgroundService
{
    private readonly QueueDefinition _queue = topology.Consumes ?? throw new InvalidOperationException($"{topology.Service} consumes no queue.");
    private readonly CancellationTokenSource _abortHandlers = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly List<Task> _inFlight = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = _queue.EventTypes.Select(EventType.NameOf).Except(processor.HandledTypes).ToList();
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
                    ConsumerLog.ConsumeFailed(logger, ex);
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
        ConsumerLog.Consuming(logger, resources.PhysicalName(_queue.Name));
        await Task.WhenAll(Enumerable.Range(0, ReceiveLoops).Select(_ => ReceiveLoopAsync(queueUrl, stoppingToken)));
    }

    /// <summary>
    /// One receive loop per 10 handler slots: a receive returns at most 10 messages, so with one loop a consumer takes
    /// at most 10 messages per round trip however many it could handle. Parallel receives let it keep up with a burst
    /// (and, on an emulator whose receives slow down as the queue grows, keep the queue short).
    /// </summary>
    private int ReceiveLoops => Math.Max(1, options.Value.MaxConcurrency / 10);

    private async Task ReceiveLoopAsync(string queueUrl, CancellationToken stoppingToken)
    {
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
    /// one request whatever it returns, so asking for fewer than 10 wastes requests.
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
            ConsumerLog.ReceiveFailed(logger, ex);
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
            _slots.Release(messages.Count); // each HandleInSlotAsync would have released one
            throw;
        }

        using (keepInvisible)
        {
            var handled = await Task.WhenAll(messages.Select(message => HandleInSlotAsync(queueUrl, new Delivery(message), keepInvisible)));
            await processor.DeleteAsync(queueUrl, messages.Where((_, i) => handled[i]).ToList());
        }
    }

    /// <summary>Handles one delivery in the slot taken for it, and frees the slot as soon as it is done.</summary>
    private async Task<bool> HandleInSlotAsync(string queueUrl, Delivery delivery, VisibilityExtender keepInvisible)
    {
        try
        {
            return await processor.HandleAsync(queueUrl, delivery, keepInvisible, _abortHandlers.Token);
        }
        finally
        {
            _slots.Release();
        }
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
}

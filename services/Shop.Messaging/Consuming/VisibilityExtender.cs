using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Consuming;

/// <summary>
/// While a batch is being handled, pushes its messages' visibility timeout forward every third of it, so a long
/// handler is not raced by a second delivery. Stops for a message once it is handled (or has failed).
/// </summary>
internal sealed class VisibilityExtender : IDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Message> _pending;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public VisibilityExtender(IAmazonSQS sqs, string queueUrl, TimeSpan timeout, IEnumerable<Message> messages, ILogger logger)
    {
        _sqs = sqs;
        _queueUrl = queueUrl;
        _timeout = timeout;
        _logger = logger;
        _pending = messages.ToDictionary(m => m.MessageId);
        _loop = ExtendAsync();
    }

    /// <summary>Stops extending <paramref name="message"/>: it is handled, or failed and carries its own backoff.</summary>
    public void Stop(Message message)
    {
        lock (_pending)
        {
            _pending.Remove(message.MessageId);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private async Task ExtendAsync()
    {
        using var timer = new PeriodicTimer(_timeout / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                List<Message> pending;
                lock (_pending)
                {
                    pending = [.. _pending.Values];
                }

                if (pending.Count == 0)
                {
                    return;
                }

                await ExtendOnceAsync(pending);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ExtendOnceAsync(List<Message> pending)
    {
        try
        {
            await _sqs.ChangeMessageVisibilityBatchAsync(
                _queueUrl,
                pending.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)
                {
                    VisibilityTimeout = (int)_timeout.TotalSeconds,
                }).ToList(),
                _stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ConsumerLog.ExtendFailed(_logger, ex, pending.Count);
        }
    }
}

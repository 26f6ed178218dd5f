using System.Diagnostics;
using System.Globalization;
using Shop.Contracts.Topology;
using Shop.Messaging.Envelope;
using Shop.Messaging.Sns;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Outbox;

/// <summary>Publishes outbox rows to their topics, one producer span per event carrying its trace into the message.</summary>
internal sealed class OutboxPublisher(ISnsClient sns, MessagingResources resources, ServiceTopology topology, MessagingTelemetry telemetry)
{
    /// <summary>Publishes <paramref name="batch"/>; returns the ids SNS did not accept, with the reason.</summary>
    public async Task<Dictionary<Guid, string>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<Guid, string>();
        foreach (var group in batch.GroupBy(m => m.Topic))
        {
            var messages = group.ToList();
            var spans = new List<Activity?>(messages.Count);
            try
            {
                var topicArn = await resources.TopicArnAsync(group.Key, cancellationToken);
                var entries = messages.Select((message, i) =>
                {
                    var span = StartPublishSpan(message, resources.PhysicalName(group.Key));
                    spans.Add(span);
                    return new SnsBatchEntry(i.ToString(CultureInfo.InvariantCulture), message.Body, Attributes(message, span));
                }).ToList();

                // The batch call belongs to no single event's trace.
                Activity.Current = null;
                var result = await sns.PublishBatchAsync(topicArn, entries, cancellationToken);
                var refused = result.Failed.ToDictionary(f => f.Id, f => $"{f.Code}: {f.Message}");
                var accepted = result.Succeeded.ToHashSet();
                for (var i = 0; i < messages.Count; i++)
                {
                    var id = i.ToString(CultureInfo.InvariantCulture);
                    if (accepted.Contains(id) && !refused.ContainsKey(id))
                    {
                        telemetry.Published.Add(1, new("messaging.destination.name", resources.PhysicalName(group.Key)), new("shop.event.type", messages[i].Type));
                        continue;
                    }

                    // Only an entry SNS confirmed leaves the outbox; anything else is tried again.
                    failures[messages[i].Id] = refused.GetValueOrDefault(id, "SNS reported neither success nor failure for this entry.");
                    spans[i]?.SetStatus(ActivityStatusCode.Error, failures[messages[i].Id]);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                foreach (var message in messages)
                {
                    failures[message.Id] = ex.Message;
                }

                spans.ForEach(span => span?.AddException(ex).SetStatus(ActivityStatusCode.Error, ex.Message));
            }
            finally
            {
                spans.ForEach(span => span?.Dispose());
            }
        }

        return failures;
    }

    private static Activity? StartPublishSpan(OutboxMessage message, string destination)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var cause);

        // Without a cause the span must be a new root, not a child of the previous entry's span (Activity.Current).
        Activity.Current = null;
        var span = MessagingTelemetry.ActivitySource.StartActivity($"publish {destination}", ActivityKind.Producer, cause);
        span?.SetTag("messaging.system", "aws_sns")
            .SetTag("messaging.operation.type", "publish")
            .SetTag("messaging.operation.name", "publish")
            .SetTag("messaging.destination.name", destination)
            .SetTag("messaging.message.id", message.Id.ToString())
            .SetTag("shop.event.type", message.Type);
        return span;
    }

    private Dictionary<string, string> Attributes(OutboxMessage message, Activity? span)
    {
        var attributes = new Dictionary<string, string>
        {
            [MessageAttributes.Type] = message.Type,
            [MessageAttributes.Id] = message.Id.ToString(),
            [MessageAttributes.Time] = message.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            [MessageAttributes.Source] = topology.Service,
            [MessageAttributes.ContentType] = MessageAttributes.JsonContentType,
        };

        // Without a listener there is no span: pass the cause's context on so the trace still continues.
        var traceParent = span?.Id ?? message.TraceParent;
        var traceState = span is null ? message.TraceState : span.TraceStateString;
        if (!string.IsNullOrEmpty(traceParent))
        {
            attributes[MessageAttributes.TraceParent] = traceParent;
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            attributes[MessageAttributes.TraceState] = traceState;
        }

        return attributes;
    }
}

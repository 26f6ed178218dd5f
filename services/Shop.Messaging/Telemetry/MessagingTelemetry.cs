using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shop.Messaging.Telemetry;

/// <summary>The messaging layer's spans and metrics, named per the OpenTelemetry messaging conventions.</summary>
public sealed class MessagingTelemetry : IDisposable
{
    public const string Name = "Shop.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Published = _meter.CreateCounter<long>("shop.messaging.published", "{message}", "Events SNS accepted.");
        Consumed = _meter.CreateCounter<long>("shop.messaging.consumed", "{message}", "Events handled (or recognised as duplicates) and deleted.");
        Failed = _meter.CreateCounter<long>("shop.messaging.failed", "{message}", "Deliveries whose handling failed and will be retried.");
        DeadLettered = _meter.CreateCounter<long>("shop.messaging.dead_lettered", "{message}", "Deliveries that failed on their last receive; SQS moves them to the DLQ.");
        HandlerDuration = _meter.CreateHistogram<double>("shop.messaging.handler.duration", "s", "Time to handle one delivery.");
    }

    public Counter<long> Published { get; }

    public Counter<long> Consumed { get; }

    public Counter<long> Failed { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> HandlerDuration { get; }

    /// <summary>Reports the outbox's size and the age of its oldest message as gauges.</summary>
    public void ObserveOutbox(Func<OutboxBacklog> read)
    {
        _meter.CreateObservableGauge("shop.messaging.outbox.backlog", () => read().Count, "{message}", "Events not yet published.");
        _meter.CreateObservableGauge("shop.messaging.outbox.age", () => read().OldestAge.TotalSeconds, "s", "Age of the oldest unpublished event.");
    }

    public void Dispose() => _meter.Dispose();
}

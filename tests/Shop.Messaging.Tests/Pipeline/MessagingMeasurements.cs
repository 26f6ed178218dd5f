using System.Diagnostics.Metrics;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>Counts the messaging layer's counter increments for one destination (tests run in parallel, each under its own prefix).</summary>
public sealed class MessagingMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];

    public MessagingMeasurements(string destination)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.Name && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name" && Equals(tag.Value, destination))
                {
                    lock (_totals)
                    {
                        _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    public long Total(string instrument)
    {
        lock (_totals)
        {
            return _totals.GetValueOrDefault(instrument);
        }
    }

    public void Dispose() => _listener.Dispose();
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shop.Bench.Messaging;

/// <summary>
/// When each event was meant to enter the system (its scheduled offer time) and when its handler finished: the
/// latency of an open-loop driver, measured from the intended time so that a side that falls behind pays for it.
/// </summary>
public sealed class Deliveries
{
    private readonly ConcurrentDictionary<Guid, long> _offered = new();
    private readonly ConcurrentDictionary<Guid, long> _applied = new();
    private long _duplicates;

    public int Applied => _applied.Count;

    /// <summary>Handler runs beyond the first for the same event (the raw side has no inbox to stop them).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Offered(Guid id, long intendedTimestamp) => _offered[id] = intendedTimestamp;

    public void MarkApplied(Guid id)
    {
        if (!_applied.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    public bool AllApplied(IEnumerable<Guid> ids) => ids.All(_applied.ContainsKey);

    /// <summary>Offer-to-applied times of <paramref name="ids"/> (all applied), in order.</summary>
    public List<TimeSpan> Latencies(IEnumerable<Guid> ids) =>
        [.. ids.Select(id => Stopwatch.GetElapsedTime(_offered[id], _applied[id])).Order()];

    public long LastApplied(IEnumerable<Guid> ids) => ids.Max(id => _applied[id]);
}

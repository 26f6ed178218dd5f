using System.Diagnostics;
using HdrHistogram;

namespace Shop.Bench.Gateway;

/// <summary>The two ways the benchmark loads a target.</summary>
public static class Load
{
    /// <summary>
    /// Closed loop, for efficiency: <paramref name="connections"/> callers each send the next request as soon as the
    /// last is answered, for <paramref name="duration"/>. Returns answers by status (200 or not).
    /// </summary>
    public static async Task<(long Ok, long Failed)> ClosedLoopAsync(Uri url, int connections, TimeSpan duration, Action? sample, CancellationToken cancellationToken)
    {
        using var client = Client(connections);
        long ok = 0, failed = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var callers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (await SendAsync(client, url, cancellationToken))
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, cancellationToken)).ToList();

        while (!Task.WhenAll(callers).IsCompleted)
        {
            sample?.Invoke();
            await Task.WhenAny(Task.WhenAll(callers), Task.Delay(200, cancellationToken));
        }

        await Task.WhenAll(callers);
        return (ok, failed);
    }

    /// <summary>
    /// Open loop, for latency: requests leave on a fixed schedule (<paramref name="rate"/> per second) whether or not
    /// earlier ones were answered, and each latency counts from when the request was due, so queueing shows.
    /// Returns microseconds.
    /// </summary>
    public static async Task<(HistogramBase Latency, long Failed)> OpenLoopAsync(Uri url, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var client = Client(1024);
        var histogram = new LongConcurrentHistogram(1, 60_000_000, 3);
        long failed = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            // Never early: a request sent late (the timer's granularity, a busy machine) counts its lateness.
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            requests.Add(Task.Run(async () =>
            {
                var answered = await SendAsync(client, url, cancellationToken);
                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(due).TotalMicroseconds));
                if (!answered)
                {
                    Interlocked.Increment(ref failed);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(requests);
        return (histogram, failed);
    }

    private static async Task<bool> SendAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}

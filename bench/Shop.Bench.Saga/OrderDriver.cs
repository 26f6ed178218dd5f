using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;

namespace Shop.Bench.Saga;

/// <summary>What one open-loop run measured.</summary>
public sealed record RunResult(
    double TargetRate, int Scheduled, int Accepted, int Confirmed, int Cancelled, int Failed, double AchievedRate, HistogramBase PostToFinal);

/// <summary>
/// Places orders on a fixed schedule (open loop: each one leaves when it is due, whatever earlier ones are doing) and
/// takes each one's time from when it was due to its final transition, which the order itself records (<c>updatedAt</c>
/// of a Confirmed or Cancelled order; the shop runs on this machine, so on the same clock). To learn which orders
/// finished, each customer's newest orders are listed once a second: about 20 reads a second however many orders are
/// in flight, so the reading does not grow with a backlog and make it worse.
/// </summary>
public sealed class OrderDriver(HttpClient gateway, IReadOnlyList<string> customerTokens, int productId)
{
    private static readonly TimeSpan ListInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(120);

    public async Task<RunResult> RunAsync(double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var placed = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var finished = new ConcurrentDictionary<Guid, (string Status, DateTimeOffset At)>();
        int notAccepted = 0;
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchers = customerTokens.Select(token => WatchAsync(token, placed, finished, sending.Token)).ToList();

        var start = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var posts = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var dueAt = startedAt + TimeSpan.FromSeconds(i / rate);
            var token = customerTokens[i % customerTokens.Count];
            posts.Add(Task.Run(async () =>
            {
                if (await PlaceAsync(token, cancellationToken) is { } id)
                {
                    placed[id] = dueAt;
                }
                else
                {
                    Interlocked.Increment(ref notAccepted);
                }
            }, cancellationToken));
        }

        await Task.WhenAll(posts);
        var sendWindow = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var deadline = Stopwatch.GetTimestamp() + (long)(GiveUpAfter.TotalSeconds * Stopwatch.Frequency);
        while (placed.Keys.Any(id => !finished.ContainsKey(id)) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(ListInterval, cancellationToken);
        }

        await sending.CancelAsync();
        await Task.WhenAll(watchers);

        var histogram = new LongHistogram(1, 3_600_000, 3);
        foreach (var (id, dueAt) in placed)
        {
            if (finished.TryGetValue(id, out var final))
            {
                histogram.RecordValue(Math.Max(1, (long)(final.At - dueAt).TotalMilliseconds));
            }
        }

        var finals = placed.Keys.Where(finished.ContainsKey).Select(id => finished[id].Status).ToList();
        return new RunResult(
            rate,
            total,
            placed.Count,
            finals.Count(s => s == "Confirmed"),
            finals.Count(s => s == "Cancelled"),
            notAccepted + placed.Count - finals.Count,
            placed.Count / Math.Max(sendWindow, duration.TotalSeconds),
            histogram);
    }

    /// <summary>Lists the customer's newest orders every second and notes those that reached a final state.</summary>
    private async Task WatchAsync(
        string token, ConcurrentDictionary<Guid, DateTimeOffset> placed, ConcurrentDictionary<Guid, (string, DateTimeOffset)> finished, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders?pageSize=100");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await gateway.SendAsync(request, stop);
                if (response.IsSuccessStatusCode)
                {
                    foreach (var order in (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("items").EnumerateArray())
                    {
                        var id = order.GetProperty("id").GetGuid();
                        if (placed.ContainsKey(id) && order.GetProperty("status").GetString() is ("Confirmed" or "Cancelled") and var status)
                        {
                            finished.TryAdd(id, (status, order.GetProperty("updatedAt").GetDateTimeOffset()));
                        }
                    }
                }

                await Task.Delay(ListInterval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // The next round asks again.
            }
        }
    }

    private async Task<Guid?> PlaceAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = new[] { new { productId, quantity = 1 } },
                shippingAddress = new { line1 = "1 Bench Road", city = "Loadtown", postalCode = "10000", country = "US" },
            }),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await gateway.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

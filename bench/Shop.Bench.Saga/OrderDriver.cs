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
/// follows each to Confirmed or Cancelled by polling it, counting from when it was due.
/// </summary>
public sealed class OrderDriver(HttpClient gateway, IReadOnlyList<string> customerTokens, int productId)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public async Task<RunResult> RunAsync(double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var histogram = new LongConcurrentHistogram(1, 600_000, 3);
        var total = (int)(rate * duration.TotalSeconds);
        int accepted = 0, confirmed = 0, cancelled = 0, failed = 0;
        long lastAccepted = 0;
        var start = Stopwatch.GetTimestamp();
        var orders = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var token = customerTokens[i % customerTokens.Count];
            orders.Add(Task.Run(async () =>
            {
                var id = await PlaceAsync(token, cancellationToken);
                if (id is null)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }

                Interlocked.Increment(ref accepted);
                Interlocked.Exchange(ref lastAccepted, Stopwatch.GetTimestamp());
                var status = await FinalStatusAsync(token, id.Value, cancellationToken);
                if (status is null)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }

                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(due).TotalMilliseconds));
                Interlocked.Increment(ref status == "Confirmed" ? ref confirmed : ref cancelled);
            }, cancellationToken));
        }

        await Task.WhenAll(orders);
        var window = Stopwatch.GetElapsedTime(start, Math.Max(lastAccepted, start + 1)).TotalSeconds;
        return new RunResult(rate, total, accepted, confirmed, cancelled, failed, accepted / Math.Max(window, duration.TotalSeconds), histogram);
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

    private async Task<string?> FinalStatusAsync(string token, Guid orderId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(GiveUpAfter.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}");
            request.Headers.Authorization = new("Bearer", token);
            using var response = await gateway.SendAsync(request, cancellationToken);
            var status = response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("status").GetString()
                : null;
            if (status is "Confirmed" or "Cancelled")
            {
                return status;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return null;
    }
}

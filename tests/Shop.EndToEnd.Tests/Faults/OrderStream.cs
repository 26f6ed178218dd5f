using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.EndToEnd.Tests.Faults;

/// <summary>One order of the stream, as its client saw it.</summary>
public sealed class StreamedOrder(int index, HttpClient customer, int productId, int quantity)
{
    public int Index { get; } = index;

    public HttpClient Customer { get; } = customer;

    public int ProductId { get; } = productId;

    public int Quantity { get; } = quantity;

    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Set once a POST was answered 2xx.</summary>
    public Guid? Id { get; set; }

    /// <summary>The last answer that ended the attempts, or null when the client gave up on errors.</summary>
    public HttpStatusCode? FinalStatus { get; set; }

    /// <summary>5xx answers this order's POSTs got before the last.</summary>
    public int ServerErrors { get; set; }

    /// <summary>POSTs that got no answer (connection refused or reset, timeout).</summary>
    public int TransportErrors { get; set; }
}

/// <summary>
/// Orders through the gateway on a fixed schedule (open loop: a slow answer does not delay the next order), each
/// retried with its own Idempotency-Key after a 5xx, a 429 or no answer, as a client may safely do, for up to
/// <see cref="RetryFor"/>.
/// </summary>
public sealed class OrderStream(IReadOnlyList<HttpClient> customers, IReadOnlyList<int> products)
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    public async Task<List<StreamedOrder>> RunAsync(double perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var count = (int)(perSecond * duration.TotalSeconds);
        var inFlight = new List<Task<StreamedOrder>>();
        for (var i = 0; i < count; i++)
        {
            var due = started + TimeSpan.FromSeconds(i / perSecond);
            if (due > DateTime.UtcNow)
            {
                await Task.Delay(due - DateTime.UtcNow, cancellationToken);
            }

            var order = new StreamedOrder(i, customers[i % customers.Count], products[i % products.Count], 1 + (i / products.Count % 2));
            inFlight.Add(PlaceAsync(order, cancellationToken));
        }

        return [.. await Task.WhenAll(inFlight)];
    }

    private static async Task<StreamedOrder> PlaceAsync(StreamedOrder order, CancellationToken cancellationToken)
    {
        var giveUp = DateTime.UtcNow + RetryFor;
        while (true)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await order.Customer.SendAsync(Request(order), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    order.Id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
                    order.FinalStatus = response.StatusCode;
                    return order;
                }

                var retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                if (!retryable || DateTime.UtcNow > giveUp)
                {
                    order.FinalStatus = response.StatusCode;
                    return order;
                }

                if ((int)response.StatusCode >= 500)
                {
                    order.ServerErrors++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                order.TransportErrors++;
                if (DateTime.UtcNow > giveUp)
                {
                    return order;
                }
            }
            finally
            {
                response?.Dispose();
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    private static HttpRequestMessage Request(StreamedOrder order)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new
            {
                items = new[] { new { productId = order.ProductId, quantity = order.Quantity } },
                shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
            }),
        };
        request.Headers.Add("Idempotency-Key", order.IdempotencyKey);
        return request;
    }
}

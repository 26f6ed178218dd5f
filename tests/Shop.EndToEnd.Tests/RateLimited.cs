using System.Net;

namespace Shop.EndToEnd.Tests;

/// <summary>
/// The gateway's rate limits are shared by tests that run at once (anonymous calls by the client's address), and a
/// 429 says nothing about the request itself: send it again after <c>Retry-After</c>, as a client would.
/// </summary>
public static class RateLimited
{
    private const int MaxAttempts = 20;

    /// <summary>Sends a fresh <paramref name="request"/> until the answer is not 429 (or after <see cref="MaxAttempts"/>).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await client.SendAsync(message, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }
}

using Amazon.Runtime;

namespace Shop.Bench.Messaging;

/// <summary>
/// Counts the HTTP requests one side sends to AWS (here, the emulator): what AWS bills. Every SNS and SQS client of a
/// side sends through <see cref="Handler"/>; the benchmark's own observation requests do not.
/// </summary>
public sealed class RequestCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>A counting handler for an <c>IHttpClientFactory</c> pipeline, which supplies its inner handler.</summary>
    public DelegatingHandler Handler() => new Counting(this);

    /// <summary>For an AWS SDK client's config (<see cref="ClientConfig.HttpClientFactory"/>): its requests are counted.</summary>
    public HttpClientFactory SdkFactory() => new CountingSdkFactory(this);

    private sealed class Counting(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CountingSdkFactory(RequestCounter counter) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new Counting(counter) { InnerHandler = new SocketsHttpHandler { UseProxy = false } });
    }
}

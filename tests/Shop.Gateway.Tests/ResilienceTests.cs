using System.Net;
using Shop.Gateway.Edge;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary>The catalog cluster with two destinations: the fixture's <see cref="KestrelGateway.Catalog"/> and <see cref="Second"/>.</summary>
public sealed class TwoCatalogsGateway : KestrelGateway
{
    public RecordingUpstream Second { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ReverseProxy:Clusters:catalog:Destinations:second:Address"] = Second.Address.ToString(),
        ["ReverseProxy:Clusters:catalog:HealthCheck:Active:Interval"] = "00:00:01",
    };

    public override async ValueTask InitializeAsync()
    {
        await Second.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Second.DisposeAsync();
    }
}

public sealed class FailoverTests(TwoCatalogsGateway gateway) : IClassFixture<TwoCatalogsGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_one_destination_during_a_stream_of_GETs_loses_no_request()
    {
        var client = gateway.Client();
        var before = await StreamAsync(client, 20);
        before.ShouldAllBe(status => status == HttpStatusCode.OK);
        gateway.Catalog.Requests.ShouldNotBeEmpty("both destinations should share the load");
        gateway.Second.Requests.ShouldNotBeEmpty("both destinations should share the load");

        await gateway.Second.DisposeAsync();
        var after = await StreamAsync(client, 60);

        after.Where(status => status != HttpStatusCode.OK).ShouldBeEmpty();
    }

    // One GET every 20 ms, as a steady stream of callers would send them.
    private static async Task<List<HttpStatusCode>> StreamAsync(HttpClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await client.GetAsync("/api/catalog/products", Ct)).StatusCode);
            await Task.Delay(20, Ct);
        }

        return statuses;
    }
}

public sealed class ErrorEjectionTests(TwoCatalogsGateway gateway) : IClassFixture<TwoCatalogsGateway>
{
    [Fact]
    public async Task A_destination_answering_5xx_is_taken_out_after_a_few_errors()
    {
        gateway.Second.StatusCode = 500;
        var client = gateway.Client();
        var statuses = new List<HttpStatusCode>();
        async Task SendAsync() => statuses.Add((await client.GetAsync("/api/catalog/products", TestContext.Current.CancellationToken)).StatusCode);

        // The balancer picks a destination at random, so how many requests it takes to reach the second one
        // Threshold times varies: send until it has, then a stream that must all land on the healthy one.
        while (statuses.Count(status => status == HttpStatusCode.InternalServerError) < ErrorRateHealthPolicy.Threshold)
        {
            statuses.Count.ShouldBeLessThan(200, "the balancer never chose the second destination often enough");
            await SendAsync();
        }

        for (var i = 0; i < 31; i++)
        {
            await SendAsync();
        }

        // YARP tells the policy about a request after its response has gone out, so the client's next request can be
        // balanced before the third error takes the destination out: one more 500 than the threshold at most.
        statuses.Count(status => status == HttpStatusCode.InternalServerError).ShouldBeLessThanOrEqualTo(ErrorRateHealthPolicy.Threshold + 1);
        statuses.TakeLast(30).ShouldAllBe(status => status == HttpStatusCode.OK);
    }
}

/// <summary>
/// Every cluster has one destination in compose and in the Aspire AppHost. YARP's default available-destinations policy,
/// HealthyOrPanic, keeps sending to it after the passive check has marked it unhealthy (there is nowhere else to
/// send); this test holds the gateway's settings to that, so that a burst of slow first requests does not turn into
/// 30 s of 503s.
/// </summary>
public sealed class LoneDestinationTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    [Fact]
    public async Task A_cluster_s_only_destination_keeps_getting_requests_after_a_run_of_errors()
    {
        var client = gateway.Client();
        async Task<HttpStatusCode> SendAsync() => (await client.GetAsync("/api/catalog/products", TestContext.Current.CancellationToken)).StatusCode;

        gateway.Catalog.StatusCode = 500;
        var duringErrors = new List<HttpStatusCode>();
        for (var i = 0; i < ErrorRateHealthPolicy.Threshold * 2; i++)
        {
            duringErrors.Add(await SendAsync());
            // Time for YARP to apply the passive check's verdict, which it does on another thread.
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        gateway.Catalog.StatusCode = 200;

        duringErrors.ShouldAllBe(status => status == HttpStatusCode.InternalServerError, "every request should reach the service, none answered 503 by the gateway");
        (await SendAsync()).ShouldBe(HttpStatusCode.OK, "the service answered again, so its route should work again at once");
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Bench;
using Shop.Bench.Saga;
using Shop.LocalServers;

// Orders at fixed arrival rates through the gateway of the shop the README's run command starts; writes bench/results/saga.md.
SagaBenchOptions options;
try
{
    options = SagaBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var root = RepositoryRoot.Find();
var gatewayUrl = new Uri("http://localhost:8080/");
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var work = Directory.CreateTempSubdirectory("shop-bench-saga-").FullName;
await using var shop = ServiceProcess.Start(new ServiceProcessStartInfo("apphost", "dotnet", Path.Combine(work, "apphost.log"))
{
    Arguments = ["run", "--project", "tools/Shop.AppHost"],
    WorkingDirectory = root,
});
try
{
    Console.WriteLine($"starting the shop (log: {shop.LogFile})");
    await shop.WaitHealthyAsync(new Uri(gatewayUrl, "health/ready"), TimeSpan.FromMinutes(5), stop.Token);
    using var gateway = new HttpClient { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
    var admin = await TokenAsync(gateway, "bench-admin", ["admin"], stop.Token);
    var customers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TokenAsync(gateway, $"bench-customer-{i}", [], stop.Token)));
    var product = await CreateProductAsync(gateway, admin, stop.Token);
    var driver = new OrderDriver(gateway, customers, product);
    using var moto = new MotoProbe(new Uri("http://localhost:4566/"), "shop-local-ordering");

    Console.WriteLine("warming up: 10 orders");
    await driver.RunAsync(2, TimeSpan.FromSeconds(5), stop.Token);

    var figures = new List<RateFigures>();
    foreach (var rate in options.Rates)
    {
        var processes = ShopProcesses.Find();
        var before = processes.ToDictionary(p => p.Key, p => CpuClock.Of(p.Value));
        var wall = Stopwatch.StartNew();
        var run = driver.RunAsync(rate, TimeSpan.FromSeconds(options.Seconds), stop.Token);
        var motoCalls = await moto.MeasureWhileAsync(run, stop.Token);
        var result = await run;
        var share = processes.ToDictionary(p => p.Key, p => (CpuClock.Of(p.Value) - before[p.Key]).TotalSeconds / wall.Elapsed.TotalSeconds);
        figures.Add(new RateFigures(result, motoCalls, share, wall.Elapsed));
        Console.WriteLine(
            $"{rate}/s: {result.Accepted}/{result.Scheduled} accepted, {result.Confirmed} confirmed, {result.Cancelled} cancelled, {result.Failed} failed; " +
            $"p50 {result.PostToFinal.GetValueAtPercentile(50)} ms, p99 {result.PostToFinal.GetValueAtPercentile(99)} ms; moto {share.GetValueOrDefault("moto"):P0} CPU");
    }

    var report = SagaReport.Render(options, started, clock.Elapsed, figures);
    var output = Path.GetFullPath(options.Output, root);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output, report, stop.Token);
    Console.WriteLine(report);
    Console.WriteLine($"Written to {output}");
    return 0;
}
finally
{
    // The AppHost stops its resources on Ctrl+C (SIGINT); the stop below kills whatever is left after that.
    Process.Start("kill", ["-INT", shop.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    try
    {
        await shop.WaitForExitAsync(grace.Token);
    }
    catch (OperationCanceledException)
    {
        await shop.StopAsync();
    }

    Directory.Delete(work, recursive: true);
}

static async Task<string> TokenAsync(HttpClient gateway, string subject, string[] roles, CancellationToken cancellationToken)
{
    using var response = await gateway.PostAsJsonAsync("/dev/token", new { sub = subject, roles }, cancellationToken);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString()!;
}

static async Task<int> CreateProductAsync(HttpClient gateway, string adminToken, CancellationToken cancellationToken)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products")
    {
        Content = JsonContent.Create(new
        {
            name = "Bench item " + Guid.NewGuid().ToString("N")[..8], description = "", category = "Bench", price = 1m, currency = "USD", availableStock = 1_000_000,
        }),
    };
    request.Headers.Authorization = new("Bearer", adminToken);
    using var response = await gateway.SendAsync(request, cancellationToken);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt32();
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shop.EndToEnd.Tests.Hostile;
using Shouldly;

namespace Shop.EndToEnd.Tests;

/// <summary>Runs alone, after the other tests: it compares the whole shop's state before and after its requests.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;

/// <summary>
/// A generated corpus of hostile requests through the gateway (<c>SHOP_HOSTILE_REQUESTS</c>, default 500;
/// <c>SHOP_HOSTILE_SEED</c>): no answer is a 5xx, every 4xx the application gives is ProblemDetails, no request to an
/// endpoint that writes is accepted, and no table of any service changes.
/// </summary>
[Collection(nameof(AloneCollection))]
public sealed class HostileInputTests(RunningShop shop)
{
    public const int DefaultSeed = 20261202;
    private const int DefaultCount = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_hostile_request_gets_a_5xx_or_changes_anything()
    {
        var seed = Setting("SHOP_HOSTILE_SEED", DefaultSeed);
        var count = Setting("SHOP_HOSTILE_REQUESTS", DefaultCount);
        var product = await new ShopApi(shop).CreateProductAsync(price: 4m, stock: 10);
        using var customer = await shop.AsAsync("hostile-" + Guid.NewGuid().ToString("N")[..12]);
        using var admin = await shop.AsAsync("hostile-admin-" + Guid.NewGuid().ToString("N")[..12], "admin");
        var tokens = new Dictionary<HostileCaller, AuthenticationHeaderValue?>
        {
            [HostileCaller.Anonymous] = null,
            [HostileCaller.Customer] = customer.DefaultRequestHeaders.Authorization,
            [HostileCaller.Admin] = admin.DefaultRequestHeaders.Authorization,
        };
        var snapshots = shop.DatabaseConnectionString("postgres") is not null;
        var before = snapshots ? await ShopState.SettledAsync(shop, TimeSpan.FromSeconds(60), Ct) : null;

        using var client = HostileClient(shop.GatewayUrl);
        var outcomes = new List<(HostileRequest Request, int Status, string Verdict)>();
        foreach (var request in new HostileCorpus(seed, product).Generate(count))
        {
            var (status, verdict) = await SendAsync(client, request, tokens[request.Caller]);
            outcomes.Add((request, status, verdict));
        }

        var after = snapshots ? await ShopState.SnapshotAsync(shop, Ct) : null;
        Report(seed, outcomes, before, after);

        outcomes.Where(o => o.Verdict != "ok").Select(o => $"{o.Status} {o.Verdict}: {o.Request}").ShouldBeEmpty();
        if (before is not null && after is not null)
        {
            ShopState.Differences(before, after).ShouldBeEmpty("no rejected request may change a table");
        }
        else
        {
            TestContext.Current.SendDiagnosticMessage("State not compared: the databases of a shop started elsewhere are not reachable.");
        }
    }

    private static async Task<(int Status, string Verdict)> SendAsync(HttpClient client, HostileRequest hostile, AuthenticationHeaderValue? token)
    {
        using var response = await RateLimited.SendAsync(client, () => Build(client.BaseAddress!, hostile, token), Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        return ((int)response.StatusCode, Judge(hostile, response, body));
    }

    private static string Judge(HostileRequest hostile, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400)
        {
            return hostile.Writes ? "accepted by an endpoint that writes" : "ok";
        }

        // Kestrel refuses a request whose line or headers break its limits before any application code runs, with an
        // empty body: there is nothing to put a ProblemDetails in.
        if (body.Length == 0 && status is 400 or 414 or 431)
        {
            return "ok";
        }

        return IsProblemDetails(response, body, status) ? "ok" : "4xx without ProblemDetails";
    }

    private static bool IsProblemDetails(HttpResponseMessage response, byte[] body, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status", out var reported) && reported.GetInt32() == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static HttpRequestMessage Build(Uri gateway, HostileRequest hostile, AuthenticationHeaderValue? token)
    {
        var uri = new Uri(gateway.GetLeftPart(UriPartial.Authority) + hostile.PathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), uri);
        request.Headers.Authorization = token;
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (!string.IsNullOrEmpty(hostile.ContentType))
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }
        }

        foreach (var (name, value) in hostile.Headers ?? [])
        {
            if (name == "Authorization")
            {
                request.Headers.Authorization = null;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static HttpClient HostileClient(Uri gateway) => new(new SocketsHttpHandler
    {
        // Header values go out as UTF-8 bytes, not refused for being outside ASCII.
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static void Report(
        int seed,
        List<(HostileRequest Request, int Status, string Verdict)> outcomes,
        IReadOnlyDictionary<string, string>? before,
        IReadOnlyDictionary<string, string>? after)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Seed {seed}: {outcomes.Count} requests, {outcomes.Count(o => o.Status >= 500)} answers of 5xx, {outcomes.Count(o => o.Verdict != "ok")} failures.");
        text.AppendLine("\n| family | requests | 2xx | 4xx | 5xx | answers |\n|---|---:|---:|---:|---:|---|");
        foreach (var family in outcomes.GroupBy(o => o.Request.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", family.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} ×{g.Count()}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {family.Key} | {family.Count()} | {family.Count(o => o.Status is >= 200 and < 300)} | {family.Count(o => o.Status is >= 400 and < 500)} | {family.Count(o => o.Status >= 500)} | {statuses} |");
        }

        text.AppendLine(before is null || after is null
            ? "\nState not compared (a shop started elsewhere)."
            : $"\nState: {before.Count} tables compared, {ShopState.Differences(before, after).Count} changed.");
        foreach (var difference in before is null || after is null ? [] : ShopState.Differences(before, after))
        {
            text.AppendLine("- " + difference);
        }
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
        if (Environment.GetEnvironmentVariable("SHOP_RESULTS_DIR") is { Length: > 0 } results)
        {
            Directory.CreateDirectory(results);
            File.WriteAllText(Path.Combine(results, "hostile-input.md"), text.ToString());
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Contracts.Topology;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

/// <summary>
/// Every API route × every kind of caller, through the gateway and at the service directly, held to one table of
/// expected statuses. The routes are the operations of the services' OpenAPI documents, so a new route fails this
/// test until the table says who may call it.
/// </summary>
public sealed class AuthMatrixTests(RunningShop shop)
{
    private const string Audience = "shop";

    private static readonly string[] Callers =
        ["anonymous", "customer A", "customer B", "admin", "expired", "wrong issuer", "wrong audience", "tampered", "alg none"];

    private static readonly BadToken[] BadCallers = [BadToken.Expired, BadToken.WrongIssuer, BadToken.WrongAudience, BadToken.Tampered, BadToken.AlgNone];

    // One column per caller above. Customer A owns the order and the basket the routes name; B and the admin do not.
    // A public route ignores a bad token, as if none had been sent; every other route answers it 401. Customer routes
    // take any signed-in caller (the admin too, as a customer of its own); an admin may read any order but cancel
    // only its own. A's order is paid before the matrix runs, so A's own cancel is a 409.
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET /api/catalog/products"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/catalog/products/{id}"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /api/catalog/categories"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["POST /api/catalog/products"] = [401, 403, 403, 201, 401, 401, 401, 401, 401],
        ["PUT /api/catalog/products/{id}"] = [401, 403, 403, 200, 401, 401, 401, 401, 401],
        ["GET /api/basket"] = [401, 200, 200, 200, 401, 401, 401, 401, 401],
        ["PUT /api/basket/items"] = [401, 200, 200, 200, 401, 401, 401, 401, 401],
        ["DELETE /api/basket/items/{productId}"] = [401, 200, 200, 200, 401, 401, 401, 401, 401],
        ["POST /api/orders"] = [401, 201, 201, 201, 401, 401, 401, 401, 401],
        ["GET /api/orders"] = [401, 200, 200, 200, 401, 401, 401, 401, 401],
        ["GET /api/orders/{id}"] = [401, 200, 404, 200, 401, 401, 401, 401, 401],
        ["POST /api/orders/{id}/cancel"] = [401, 409, 404, 404, 401, 401, 401, 401, 401],
        ["GET /api/payments/{orderId}"] = [401, 403, 403, 200, 401, 401, 401, 401, 401],
        ["GET /api/notifications"] = [401, 200, 200, 200, 401, 401, 401, 401, 401],
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_table_names_every_operation_the_services_document()
    {
        var documented = new HashSet<string>();
        foreach (var service in ShopServices.BehindGateway)
        {
            var document = await shop.Anonymous().GetFromJsonAsync<JsonElement>($"/openapi/{service.Name}.json", Ct);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch"))
                {
                    documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}");
                }
            }
        }

        Expected.Keys.ShouldBe(documented, ignoreOrder: true);
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_table_says()
    {
        var key = shop.IssuerKey;
        if (key is null)
        {
            Assert.Skip("The matrix mints tokens with the development issuer's key, known only for a shop the AppHost starts.");
        }

        var issuer = await shop.IssuerAsync(Ct);

        // The bad tokens below are signed with this key: one made the same way but right in every claim must pass,
        // or each bad token's 401 could come from the key alone.
        var control = BadTokens.Sign(key, issuer, Audience, [], DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
        using (var controlClient = Client(shop.GatewayUrl, control))
        {
            (await controlClient.GetAsync("api/orders", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "a well-formed token signed with the issuer's key");
        }

        var subjectA = "auth-a-" + Guid.NewGuid().ToString("N")[..12];
        var tokens = new string?[Callers.Length];
        tokens[1] = await shop.TokenAsync(subjectA);
        tokens[2] = await shop.TokenAsync("auth-b-" + Guid.NewGuid().ToString("N")[..12]);
        tokens[3] = await shop.TokenAsync("auth-admin-" + Guid.NewGuid().ToString("N")[..12], "admin");
        for (var i = 0; i < BadCallers.Length; i++)
        {
            tokens[4 + i] = BadTokens.Create(BadCallers[i], key, issuer, Audience, "admin");
        }

        var scene = await SceneAsync(tokens[1]!);
        var targets = new List<(string Name, Func<string, Uri> BaseFor)> { ("gateway", _ => shop.GatewayUrl) };
        targets.Add(("service", route => shop.ServiceUrl(ServiceOf(route))!));

        var report = new StringBuilder();
        var mismatches = new List<string>();
        foreach (var (target, baseFor) in targets)
        {
            report.AppendLine(CultureInvariant($"\n**{target}**\n\n| route | {string.Join(" | ", Callers)} |\n|---|{string.Concat(Enumerable.Repeat("---|", Callers.Length))}"));
            foreach (var (route, expected) in Expected)
            {
                var cells = new List<string>();
                for (var caller = 0; caller < Callers.Length; caller++)
                {
                    var status = await SendAsync(baseFor(route), route, scene, tokens[caller]);
                    var same = status == expected[caller];
                    cells.Add(same ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"**{status}** (want {expected[caller]})");
                    if (!same)
                    {
                        mismatches.Add($"{target}: {route} as {Callers[caller]}: {status}, expected {expected[caller]}");
                    }
                }

                report.AppendLine(CultureInvariant($"| `{route}` | {string.Join(" | ", cells)} |"));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("SHOP_RESULTS_DIR") is { Length: > 0 } results)
        {
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, "auth-matrix.md"), report.ToString(), Ct);
        }

        mismatches.ShouldBeEmpty();
    }

    /// <summary>What the routes name: A's paid order and a product in A's basket, a product to order and one to update.</summary>
    private async Task<Scene> SceneAsync(string tokenA)
    {
        var api = new ShopApi(shop);
        var ordered = await api.CreateProductAsync(price: 2m, stock: 1_000);
        var updated = await api.CreateProductAsync(price: 3m, stock: 10);
        using var customerA = Client(shop.GatewayUrl, tokenA);
        await ShopApi.PutInBasketAsync(customerA, ordered, 1);
        var order = await ShopApi.OrderAsync(customerA, (ordered, 1));
        var final = await ShopApi.FinalOrderAsync(customerA, order);
        final.GetProperty("status").GetString().ShouldBe("Confirmed", "the scene needs a paid order");
        return new Scene(ordered, updated, order);
    }

    private static async Task<int> SendAsync(Uri baseAddress, string route, Scene scene, string? token)
    {
        using var client = Client(baseAddress, token);
        using var response = await RateLimited.SendAsync(client, () => Request(route, scene), Ct);
        return (int)response.StatusCode;
    }

    private static HttpRequestMessage Request(string route, Scene scene)
    {
        var product = new
        {
            name = "Matrix item " + Guid.NewGuid().ToString("N")[..8], description = "", category = "Matrix", price = 3m, currency = "USD", availableStock = 10,
        };
        var (method, path, body) = route switch
        {
            "GET /api/catalog/products" => (HttpMethod.Get, "/api/catalog/products?pageSize=1", null),
            "GET /api/catalog/products/{id}" => (HttpMethod.Get, $"/api/catalog/products/{scene.OrderedProduct}", null),
            "GET /api/catalog/categories" => (HttpMethod.Get, "/api/catalog/categories", null),
            "POST /api/catalog/products" => (HttpMethod.Post, "/api/catalog/products", (object?)product),
            "PUT /api/catalog/products/{id}" => (HttpMethod.Put, $"/api/catalog/products/{scene.UpdatedProduct}", product),
            "GET /api/basket" => (HttpMethod.Get, "/api/basket", null),
            "PUT /api/basket/items" => (HttpMethod.Put, "/api/basket/items", new { productId = scene.OrderedProduct, quantity = 1 }),
            "DELETE /api/basket/items/{productId}" => (HttpMethod.Delete, $"/api/basket/items/{scene.OrderedProduct}", null),
            "POST /api/orders" => (HttpMethod.Post, "/api/orders", new
            {
                items = new[] { new { productId = scene.OrderedProduct, quantity = 1 } },
                shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
            }),
            "GET /api/orders" => (HttpMethod.Get, "/api/orders", null),
            "GET /api/orders/{id}" => (HttpMethod.Get, $"/api/orders/{scene.OrderOfA}", null),
            "POST /api/orders/{id}/cancel" => (HttpMethod.Post, $"/api/orders/{scene.OrderOfA}/cancel", null),
            "GET /api/payments/{orderId}" => (HttpMethod.Get, $"/api/payments/{scene.OrderOfA}", null),
            "GET /api/notifications" => (HttpMethod.Get, "/api/notifications", null),
            _ => throw new ArgumentOutOfRangeException(nameof(route), route, "The matrix has no request for this route."),
        };
        var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = body is null ? null : JsonContent.Create(body) };
        if (route == "POST /api/orders")
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        return request;
    }

    private static string ServiceOf(string route) => route.Split(' ')[1].Split('/')[2] switch
    {
        "catalog" => ShopServices.Catalog.Name,
        "basket" => ShopServices.Basket.Name,
        "orders" => ShopServices.Ordering.Name,
        "payments" => ShopServices.Payment.Name,
        "notifications" => ShopServices.Notification.Name,
        var other => throw new ArgumentOutOfRangeException(nameof(route), other, "No service serves this route."),
    };

    private static HttpClient Client(Uri baseAddress, string? token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Scene(int OrderedProduct, int UpdatedProduct, Guid OrderOfA);
}

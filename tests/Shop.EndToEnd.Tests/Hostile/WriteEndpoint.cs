using System.Text.Json.Nodes;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>An endpoint that changes state, a valid body for it, and what each of its fields may hold.</summary>
public sealed record WriteEndpoint(
    string Method,
    string Path,
    HostileCaller Caller,
    Func<JsonObject> Template,
    IReadOnlyDictionary<string, FieldKind> Fields,
    bool NeedsIdempotencyKey = false)
{
    private static readonly FieldKind Name64 = new FieldKind.Code("", " ", "a b", "a/b", "ключ", new string('a', 65), "a\\u0000");

    /// <summary>The shop's endpoints that write, aimed at <paramref name="product"/> (an existing product) where they name one.</summary>
    public static IReadOnlyList<WriteEndpoint> All(int product) =>
    [
        new("POST", "/api/catalog/products", HostileCaller.Admin, () => ProductBody(), ProductFields),
        new("PUT", $"/api/catalog/products/{product}", HostileCaller.Admin, () => ProductBody(), ProductFields),
        new("PUT", "/api/basket/items", HostileCaller.Customer, () => new JsonObject { ["productId"] = product, ["quantity"] = 1 }, new Dictionary<string, FieldKind>
        {
            ["productId"] = new FieldKind.WholeNumber(1, int.MaxValue),
            ["quantity"] = new FieldKind.WholeNumber(1, 99),
        }),
        new("POST", "/api/orders", HostileCaller.Customer, () => OrderBody(product), new Dictionary<string, FieldKind>
        {
            ["items[0].productId"] = new FieldKind.WholeNumber(1, int.MaxValue),
            ["items[0].quantity"] = new FieldKind.WholeNumber(1, 99),
            ["shippingAddress.line1"] = new FieldKind.Text(200),
            ["shippingAddress.city"] = new FieldKind.Text(100),
            ["shippingAddress.postalCode"] = new FieldKind.Text(20),
            ["shippingAddress.country"] = new FieldKind.Code("us", "USA", "U1", "", "ÜS"),
        }, NeedsIdempotencyKey: true),
        new("POST", "/dev/token", HostileCaller.Anonymous, () => new JsonObject { ["sub"] = "hostile", ["roles"] = new JsonArray("customer") }, new Dictionary<string, FieldKind>
        {
            ["sub"] = Name64,
            ["roles[0]"] = Name64 with { Required = false },
        }),
    ];

    private static readonly Dictionary<string, FieldKind> ProductFields = new()
    {
        ["name"] = new FieldKind.Text(200),
        ["description"] = new FieldKind.Text(2000, MayBeEmpty: true),
        ["category"] = new FieldKind.Text(100),
        ["price"] = new FieldKind.Price(),
        ["currency"] = new FieldKind.Code("usd", "US", "USDD", "U$D", "", "€€€"),
        ["availableStock"] = new FieldKind.WholeNumber(0, int.MaxValue),
    };

    private static JsonObject ProductBody() => new()
    {
        ["name"] = "Hostile corpus item",
        ["description"] = "",
        ["category"] = "Hostile",
        ["price"] = 1.5m,
        ["currency"] = "USD",
        ["availableStock"] = 1,
    };

    private static JsonObject OrderBody(int product) => new()
    {
        ["items"] = new JsonArray(new JsonObject { ["productId"] = product, ["quantity"] = 1 }),
        ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "12345", ["country"] = "US" },
    };
}

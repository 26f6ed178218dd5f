using System.Globalization;
using System.Text;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>
/// A seeded generator of hostile requests against every endpoint behind the gateway: the same seed gives the same
/// corpus. Requests to endpoints that write are always invalid by the API's rules in at least one way.
/// </summary>
public sealed class HostileCorpus(int seed, int product)
{
    private static readonly string[] ReadPaths =
        ["/api/catalog/products", "/api/catalog/categories", "/api/basket", "/api/orders", "/api/notifications", "/api/payments/00000000-0000-0000-0000-000000000000"];

    private static readonly string[] OtherContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/jsonx", "text/json", "*/*", ""];

    private static readonly string[] PathTricks =
    [
        "/api/catalog/../orders", "/api/catalog/%2e%2e/orders", "/api/catalog/products/..%2f..%2forders", "/api/catalog/products/%252e%252e",
        "//api/catalog/products", "/api/catalog//products", "/api/catalog/products%2f1", "/api/catalog/products/1%00", "/api/catalog/products/%00",
        "/api/catalog/products/%ff%fe", "/api/catalog/products/%c3%28", "/api/catalog/products/1;jsessionid=x", "/api/catalog/products/1.",
        "/api/catalog/products/../../../../etc/passwd", "/api/%2e%2e/%2e%2e/health/ready", "/api/catalog/products/\u00e9", "/api/basket/../orders",
        "/api/orders/..%5c..%5cpayments", "/api/catalog/products/%u002e", "/api/catalog/products?id=1&id=2", "/.well-known/../api/orders",
    ];

    private readonly Random _random = new(seed);
    private readonly IReadOnlyList<WriteEndpoint> _writes = WriteEndpoint.All(product);

    public IEnumerable<HostileRequest> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            yield return roll switch
            {
                < 40 => InvalidField(),
                < 50 => InvalidWholeBody(),
                < 58 => WrongContentType(),
                < 64 => BadIdempotencyKey(),
                < 74 => HeaderAbuse(),
                < 86 => PathTrick(),
                < 95 => BadQuery(),
                _ => OddMethod(),
            };
        }
    }

    private HostileRequest InvalidField()
    {
        var endpoint = Pick(_writes);
        var body = new JsonBody(endpoint.Template());
        var fields = endpoint.Fields.Keys.ToList();
        var field = Pick(fields);
        var kind = endpoint.Fields[field];
        var value = Pick(kind.InvalidValues(_random));
        var how = _random.Next(10) switch
        {
            0 when kind.Required => Remove(body, field),
            1 => DuplicateLast(body, field, value),
            2 => Nest(body, field),
            _ => Set(body, field, value),
        };
        if (_random.Next(3) == 0)
        {
            body.AddExtra("unexpected" + _random.Next(100), Pick(["1", "\"x\"", "[]", "{\"deep\":{\"er\":[1]}}", "null"]));
        }

        return Write(endpoint, "invalid field", $"{field}: {how}", body.ToBytes(), "application/json");
    }

    private HostileRequest InvalidWholeBody()
    {
        var endpoint = Pick(_writes);
        var valid = new JsonBody(endpoint.Template()).ToBytes();
        var (description, bytes) = _random.Next(12) switch
        {
            0 => ("empty body", Array.Empty<byte>()),
            1 => ("JSON array", "[]"u8.ToArray()),
            2 => ("JSON null", "null"u8.ToArray()),
            3 => ("JSON number", "42"u8.ToArray()),
            4 => ("truncated", valid[..(1 + _random.Next(valid.Length - 1))]),
            5 => ("random bytes", RandomBytes(1 + _random.Next(2048))),
            6 => ("nested 5,000 deep", Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000))),
            7 => ("trailing comma", [.. valid[..^1], .. ",}"u8.ToArray()]),
            8 => ("comment", [.. "/* hi */"u8.ToArray(), .. valid]),
            9 => ("2 MB body", Encoding.ASCII.GetBytes("{\"name\":\"" + new string('x', 2_000_000) + "\"}")),
            10 => ("byte order mark and garbage", [0xEF, 0xBB, 0xBF, .. "{garbage"u8.ToArray()]),
            _ => ("single-quoted", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace('"', '\''))),
        };
        return Write(endpoint, "invalid body", description, bytes, "application/json");
    }

    private HostileRequest WrongContentType()
    {
        var endpoint = Pick(_writes);
        var contentType = Pick(OtherContentTypes);
        return Write(endpoint, "content type", contentType.Length == 0 ? "no Content-Type" : contentType, new JsonBody(endpoint.Template()).ToBytes(), contentType);
    }

    private HostileRequest BadIdempotencyKey()
    {
        var endpoint = _writes.Single(e => e.NeedsIdempotencyKey);
        string? key = Pick<string?>([null, "", " ", new string('k', 129), "a b", "a,b", "ключ", "a\u0001b", "a/b", "{key}", "%00", "a\u00e9"]);
        var headers = key is null ? [] : new List<KeyValuePair<string, string>> { new("Idempotency-Key", key) };
        return new HostileRequest(
            "idempotency key", key is null ? "missing" : $"'{Printable(key)}'", endpoint.Method, endpoint.Path, endpoint.Caller, Writes: true,
            new JsonBody(endpoint.Template()).ToBytes(), "application/json", headers);
    }

    private HostileRequest HeaderAbuse()
    {
        var path = Pick(ReadPaths);
        var (description, headers) = _random.Next(8) switch
        {
            0 => ("X-Request-Id with control characters", Header("X-Request-Id", "id\u0001\u001b[31m")),
            1 => ("X-Request-Id of 4 KB", Header("X-Request-Id", new string('r', 4096))),
            2 => ("X-Request-Id not ASCII", Header("X-Request-Id", "идентификатор-\u00ff")),
            3 => ("header of 40 KB", Header("X-Padding", new string('p', 40_000))),
            4 => ("200 headers", Enumerable.Range(0, 200).Select(i => new KeyValuePair<string, string>($"X-H{i}", "v")).ToList()),
            5 => ("Authorization garbage", Header("Authorization", Pick(["Bearer", "Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer " + new string('x', 8000), "bearer eyJhbGciOiJub25lIn0..", "Negotiate abc"]))),
            6 => ("X-Forwarded-For spoofed", Header("X-Forwarded-For", Pick(["1.2.3.4", "not-an-ip", "127.0.0.1, 10.0.0.1, ::1", new string('9', 3000)]))),
            _ => ("Accept garbage", Header("Accept", Pick(["text/html;q=abc", "*/*;q=-1", "application/\u00ff", new string('a', 3000)]))),
        };
        return new HostileRequest("headers", description, "GET", path, PickCaller(), Writes: false, Headers: headers);
    }

    private HostileRequest PathTrick()
    {
        if (_random.Next(3) == 0)
        {
            return new HostileRequest("path", "trick", "GET", Pick(PathTricks), PickCaller(), Writes: false);
        }

        var (route, caller) = Pick<(string, HostileCaller)>(
            [("/api/catalog/products/{0}", HostileCaller.Anonymous), ("/api/orders/{0}", HostileCaller.Customer), ("/api/payments/{0}", HostileCaller.Admin),
             ("/api/orders/{0}/cancel", HostileCaller.Customer), ("/api/basket/items/{0}", HostileCaller.Customer)]);
        var segment = Pick(
        [
            "-1", "0", "2147483648", "99999999999999999999", "1.5", "1e3", "abc", "%00", "%20", "%0d%0aX-Injected:%201", new string('9', 5000),
            "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000}", "%ef%bf%bd", "..", "%2e", "null", "undefined", "true",
        ]);
        var method = route.EndsWith("/cancel", StringComparison.Ordinal) ? "POST" : route.StartsWith("/api/basket", StringComparison.Ordinal) ? "DELETE" : "GET";
        return new HostileRequest("path", $"id '{Printable(segment)}'", method, string.Format(CultureInfo.InvariantCulture, route, segment), caller, Writes: method != "GET");
    }

    private HostileRequest BadQuery()
    {
        var path = Pick(["/api/catalog/products", "/api/orders", "/api/notifications"]);
        var caller = path.StartsWith("/api/catalog", StringComparison.Ordinal) ? PickCaller() : HostileCaller.Customer;
        var query = Pick(
        [
            "page=0", "page=-1", "page=2147483648", "page=abc", "page=1e3", "pageSize=0", "pageSize=101", "pageSize=-5", "pageSize=x", "pageSize=99999999999",
            "page=1&page=2", "pageSize=", "q=" + new string('q', 201), "q=%00", "q=%ff%fe", "q=%c3%28", "category=" + new string('c', 5000),
            "q=" + Uri.EscapeDataString("' OR 1=1 --"), "q=%25%25%25", new string('a', 8000) + "=1",
        ]);
        return new HostileRequest("query", query.Length > 60 ? query[..60] + "..." : query, "GET", path + "?" + query, caller, Writes: false);
    }

    private HostileRequest OddMethod()
    {
        var method = Pick(["PATCH", "TRACE", "OPTIONS", "PROPFIND", "DELETE", "PUT", "CONNECT-ISH"]);
        var path = Pick(ReadPaths);
        var writes = method is "PATCH" or "DELETE" or "PUT" or "PROPFIND" or "CONNECT-ISH";
        return new HostileRequest("method", method, method, path, PickCaller(), writes, writes ? "{}"u8.ToArray() : null, writes ? "application/json" : null);
    }

    private HostileRequest Write(WriteEndpoint endpoint, string family, string description, byte[] body, string contentType)
    {
        var headers = endpoint.NeedsIdempotencyKey ? Header("Idempotency-Key", "hostile-" + _random.NextInt64().ToString("x", CultureInfo.InvariantCulture)) : [];
        return new HostileRequest(family, description, endpoint.Method, endpoint.Path, endpoint.Caller, Writes: true, body, contentType, headers);
    }

    private static string Remove(JsonBody body, string field)
    {
        body.Remove(field);
        return "missing";
    }

    private static string Set(JsonBody body, string field, string value)
    {
        body.SetRaw(field, value);
        return Printable(value);
    }

    private static string DuplicateLast(JsonBody body, string field, string value)
    {
        body.Duplicate(field, value);
        return "duplicate key, last " + Printable(value);
    }

    private string Nest(JsonBody body, string field)
    {
        var depth = 65 + _random.Next(3000);
        body.SetRaw(field, new string('[', depth) + "1" + new string(']', depth));
        return $"nested {depth} deep";
    }

    private HostileCaller PickCaller() => (HostileCaller)_random.Next(3);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static List<KeyValuePair<string, string>> Header(string name, string value) => [new(name, value)];

    private static string Printable(string text)
    {
        var shown = new string([.. text.Take(40).Select(c => char.IsControl(c) ? '·' : c)]);
        return text.Length > 40 ? shown + $"...({text.Length} chars)" : shown;
    }
}

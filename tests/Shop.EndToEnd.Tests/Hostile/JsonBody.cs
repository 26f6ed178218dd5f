using System.Text;
using System.Text.Json.Nodes;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>
/// A valid request body that can be made invalid field by field, including in ways a JSON library will not write:
/// raw tokens (<c>1e400</c>, <c>NaN</c>, nesting 5,000 deep), duplicate keys and bytes that are not UTF-8.
/// </summary>
public sealed class JsonBody(JsonObject template)
{
    public const string InvalidUtf8Marker = "@@not-utf8@@";
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF, 0xFE];
    private readonly JsonObject _root = (JsonObject)template.DeepClone();
    private readonly List<string> _rawTokens = [];
    private int _duplicates;

    /// <summary>The fields a mutation can pick: <c>name</c>, <c>items[0].quantity</c>, <c>shippingAddress.city</c>.</summary>
    public IReadOnlyList<string> Fields => [.. Leaves(_root, "")];

    public void SetRaw(string field, string rawJson) => Set(field, Placeholder(rawJson));

    public void SetString(string field, string value) => Set(field, JsonValue.Create(value));

    public void Remove(string field)
    {
        var (parent, key, _) = Locate(field);
        ((JsonObject)parent).Remove(key!);
    }

    /// <summary>The same key once more in the same object, with <paramref name="rawJson"/> (the last one wins in System.Text.Json).</summary>
    public void Duplicate(string field, string rawJson)
    {
        var (parent, key, _) = Locate(field);
        if (parent is JsonObject obj)
        {
            obj[$"{key}@@dup{_duplicates++}@@"] = Placeholder(rawJson);
        }
        else
        {
            // An array element (roles[0]): the array's own key, once more, holding that value.
            var arrayField = field[..field.LastIndexOf('[')];
            var (owner, arrayKey, _) = Locate(arrayField);
            ((JsonObject)owner)[$"{arrayKey}@@dup{_duplicates++}@@"] = Placeholder($"[{rawJson}]");
        }
    }

    public void AddExtra(string key, string rawJson) => _root[key] = Placeholder(rawJson);

    public byte[] ToBytes()
    {
        var json = _root.ToJsonString();
        for (var i = 0; i < _rawTokens.Count; i++)
        {
            json = json.Replace($"\"@@raw{i}@@\"", _rawTokens[i], StringComparison.Ordinal);
        }

        for (var i = 0; i < _duplicates; i++)
        {
            json = System.Text.RegularExpressions.Regex.Replace(json, $"\"([^\"]+)@@dup{i}@@\"", "\"$1\"");
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        return at < 0 ? bytes : [.. bytes[..at], .. InvalidUtf8, .. bytes[(at + marker.Length)..]];
    }

    private JsonNode Placeholder(string rawJson)
    {
        _rawTokens.Add(rawJson);
        return JsonValue.Create($"@@raw{_rawTokens.Count - 1}@@");
    }

    private void Set(string field, JsonNode value)
    {
        var (parent, key, index) = Locate(field);
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    private (JsonNode Parent, string? Key, int Index) Locate(string field)
    {
        JsonNode current = _root;
        var steps = Steps(field);
        for (var i = 0; i < steps.Count - 1; i++)
        {
            current = steps[i].Key is { } key ? current[key]! : current[steps[i].Index]!;
        }

        return (current, steps[^1].Key, steps[^1].Index);
    }

    private static List<(string? Key, int Index)> Steps(string field)
    {
        var steps = new List<(string?, int)>();
        foreach (var part in field.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                steps.Add((part, -1));
                continue;
            }

            steps.Add((part[..bracket], -1));
            steps.Add((null, int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return steps;
    }

    private static IEnumerable<string> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value!, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Leaves(item!, $"{path}[{i}]")),
        _ => [path],
    };
}

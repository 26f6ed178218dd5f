using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shop.Kubernetes.Tests.Rendering;

/// <summary>
/// What a YAML value is once kubectl turns it into the JSON the API server reads: a plain (unquoted) scalar is resolved
/// by the YAML 1.2 core schema, as Kustomize (go-yaml v3) writes it (<c>true</c> is a boolean, <c>8080</c> and
/// <c>0x400000</c> are numbers, <c>~</c> is null); a quoted one is a string.
/// </summary>
public static partial class YamlScalars
{
    public enum Kind
    {
        String,
        Null,
        Bool,
        Int,
        Float,
    }

    public static Kind KindOf(YamlScalarNode scalar)
    {
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || !scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str")
        {
            return Kind.String;
        }

        var value = scalar.Value ?? string.Empty;
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => Kind.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => Kind.Bool,
            _ when Integer().IsMatch(value) => Kind.Int,
            _ when Float().IsMatch(value) => Kind.Float,
            _ => Kind.String,
        };
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(entry =>
            KeyValuePair.Create(((YamlScalarNode)entry.Key).Value ?? string.Empty, ToJson(entry.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        return KindOf(scalar) switch
        {
            Kind.Null => null,
            Kind.Bool => JsonValue.Create(value is "true" or "True" or "TRUE"),
            Kind.Int => IntegerValue(value) is { } integer ? JsonValue.Create(integer) : JsonValue.Create(value),
            Kind.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value),
            _ => JsonValue.Create(value),
        };
    }

    public static long? IntegerValue(string value)
    {
        var negative = value.StartsWith('-');
        var digits = value.TrimStart('-', '+');
        long parsed;
        var ok = digits.StartsWith("0x", StringComparison.Ordinal)
            ? long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out parsed)
            : digits.StartsWith("0o", StringComparison.Ordinal)
                ? TryParseOctal(digits[2..], out parsed)
                : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out parsed);
        return ok ? negative ? -parsed : parsed : null;
    }

    private static bool TryParseOctal(string digits, out long value)
    {
        try
        {
            value = Convert.ToInt64(digits, 8);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            value = 0;
            return false;
        }
    }

    [GeneratedRegex("^[-+]?([0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float();
}

using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Shop.Kubernetes.Tests.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shop.Kubernetes.Tests.Schema;

/// <summary>
/// Strict validation of a built-in object against its KubernetesClient model, as the API server with
/// <c>kubectl apply --validate=strict</c> would judge it: every field must be one the model declares (its
/// <c>[JsonPropertyName]</c>), every value of the type the field has once kubectl turns the YAML into JSON (a quoted
/// "2" is no integer, a bare <c>true</c> no string), quantities and base64 must parse, and the fields the models
/// declare required must be there (KubernetesClient 21 only says so for numbers and booleans, e.g. containerPort). All errors are reported, each with its path, e.g.
/// <c>spec.template.spec.containers[0].securityContxt: unknown field (V1Container has no such property)</c>.
/// Then, as a second opinion, KubernetesClient's own strict deserializer (<c>KubernetesYaml.LoadAllFromString(…,
/// strict: true)</c>: YamlDotNet without IgnoreUnmatchedProperties, with duplicate-key checks) must read it.
/// </summary>
public static partial class StrictSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> PropertiesByType = new();

    public static IReadOnlyList<string> Validate(RenderedObject manifest)
    {
        var errors = new List<string>();
        if (!BuiltInKinds.ServedByKubernetes132.Contains(manifest.ApiVersion))
        {
            errors.Add($"apiVersion {manifest.ApiVersion} is not served by default by a Kubernetes 1.32 API server");
        }

        if (BuiltInKinds.TypeOf(manifest.ApiVersion, manifest.Kind) is not { } type)
        {
            errors.Add($"{manifest.ApiVersion}/{manifest.Kind} is no built-in kind");
            return errors;
        }

        Walk(manifest.Node, type, string.Empty, errors);
        if (errors.Count == 0)
        {
            try
            {
                KubernetesYaml.LoadAllFromString(manifest.Yaml, strict: true);
            }
            catch (Exception exception) when (exception is YamlException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                errors.Add($"KubernetesClient's strict deserializer: {exception.Message}{(exception.InnerException is { } inner ? $" ({inner.Message})" : string.Empty)}");
            }
        }

        return errors;
    }

    private static void Walk(YamlNode node, Type type, string path, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is YamlScalarNode nullScalar && YamlScalars.KindOf(nullScalar) == YamlScalars.Kind.Null)
        {
            return; // null is "not set" for any field.
        }

        if (type == typeof(object))
        {
            return; // Free-form (RawExtension, JSON).
        }

        if (type == typeof(string) || type == typeof(byte[]) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            if (Scalar(node, path, errors) is { } scalar && YamlScalars.KindOf(scalar) != YamlScalars.Kind.String)
            {
                errors.Add($"{path}: a string is expected, not the {YamlScalars.KindOf(scalar).ToString().ToLowerInvariant()} {scalar.Value} (quote it)");
            }
            else if (type == typeof(byte[]) && node is YamlScalarNode encoded && !IsBase64(encoded.Value ?? string.Empty))
            {
                errors.Add($"{path}: base64 is expected");
            }

            return;
        }

        if (type == typeof(bool))
        {
            Expect(node, path, errors, YamlScalars.Kind.Bool);
            return;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            if (Expect(node, path, errors, YamlScalars.Kind.Int) is { } scalar
                && (YamlScalars.IntegerValue(scalar.Value!) is not { } value || type == typeof(int) && value is < int.MinValue or > int.MaxValue))
            {
                errors.Add($"{path}: {scalar.Value} is out of range for {type.Name}");
            }

            return;
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            Expect(node, path, errors, YamlScalars.Kind.Int, YamlScalars.Kind.Float);
            return;
        }

        if (type == typeof(IntOrString))
        {
            Expect(node, path, errors, YamlScalars.Kind.Int, YamlScalars.Kind.String);
            return;
        }

        if (type == typeof(ResourceQuantity))
        {
            if (Expect(node, path, errors, YamlScalars.Kind.Int, YamlScalars.Kind.Float, YamlScalars.Kind.String) is { } scalar)
            {
                try
                {
                    _ = new ResourceQuantity(scalar.Value);
                }
                catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
                {
                    errors.Add($"{path}: {scalar.Value} is no quantity ({exception.Message})");
                }
            }

            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            if (node is not YamlMappingNode map)
            {
                errors.Add($"{path}: a map is expected, not a {node.NodeType}");
                return;
            }

            foreach (var (key, value) in map.Children)
            {
                Walk(value, valueType, $"{path}[{((YamlScalarNode)key).Value}]", errors);
            }

            return;
        }

        if (ListElementType(type) is { } elementType)
        {
            if (node is not YamlSequenceNode list)
            {
                errors.Add($"{path}: a list is expected, not a {node.NodeType}");
                return;
            }

            for (var i = 0; i < list.Children.Count; i++)
            {
                Walk(list.Children[i], elementType, $"{path}[{i}]", errors);
            }

            return;
        }

        if (type.Namespace == typeof(V1Pod).Namespace && type.IsClass)
        {
            if (node is not YamlMappingNode mapping)
            {
                errors.Add($"{path}: an object ({type.Name}) is expected, not a {node.NodeType}");
                return;
            }

            var properties = PropertiesOf(type);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                if (properties.TryGetValue(key, out var property))
                {
                    Walk(value, property.PropertyType, childPath, errors);
                }
                else
                {
                    errors.Add($"{childPath}: unknown field ({type.Name} has no such property)");
                }
            }

            // KubernetesClient marks no reference-typed field required; a required number or boolean is the one
            // declared without "?" (containerPort, port): those are checked.
            foreach (var (name, property) in properties)
            {
                if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                    && !mapping.Children.Keys.Any(k => ((YamlScalarNode)k).Value == name))
                {
                    errors.Add($"{(path.Length == 0 ? name : $"{path}.{name}")}: required field missing ({type.Name})");
                }
            }

            return;
        }

        errors.Add($"{path}: no strict check for the model type {type} (extend StrictSchema)");
    }

    private static YamlScalarNode? Scalar(YamlNode node, string path, List<string> errors)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        errors.Add($"{path}: a single value is expected, not a {node.NodeType}");
        return null;
    }

    private static YamlScalarNode? Expect(YamlNode node, string path, List<string> errors, params YamlScalars.Kind[] kinds)
    {
        if (Scalar(node, path, errors) is not { } scalar)
        {
            return null;
        }

        var kind = YamlScalars.KindOf(scalar);
        if (!kinds.Contains(kind))
        {
            errors.Add($"{path}: {string.Join(" or ", kinds).ToLowerInvariant()} expected, not the {kind.ToString().ToLowerInvariant()} {Quote(scalar)}");
            return null;
        }

        return scalar;
    }

    private static string Quote(YamlScalarNode scalar) => scalar.Style is ScalarStyle.Plain ? scalar.Value ?? string.Empty : $"\"{scalar.Value}\"";

    private static IReadOnlyDictionary<string, PropertyInfo> PropertiesOf(Type type) =>
        PropertiesByType.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, StringComparer.Ordinal));

    private static Type? DictionaryValueType(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } dictionary && dictionary.GetGenericArguments()[0] == typeof(string)
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ListElementType(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && GenericInterface(type, typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

    // Go's base64 decoder skips line breaks, and Kustomize folds long values over lines.
    private static bool IsBase64(string value)
    {
        var unfolded = value.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        return Base64().IsMatch(unfolded) && unfolded.Length % 4 == 0;
    }

    [GeneratedRegex("^[A-Za-z0-9+/]*={0,2}$")]
    private static partial Regex Base64();
}

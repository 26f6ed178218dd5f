using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Shop.ServiceDefaults.Errors;

/// <summary>
/// Names the field a request-binding failure is about from structured information only: the endpoint's
/// <see cref="IParameterBindingMetadata"/> (each parameter's name, type, source and whether it is optional), checked
/// against the request's values the way the framework parses them, and the JSON path of a body's
/// <see cref="JsonException"/>. The framework's English messages are never read.
/// </summary>
internal static class BindingFailure
{
    private static readonly MethodInfo CanParseMethod = typeof(BindingFailure).GetMethod(nameof(CanParse), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static (string Field, string Message) Describe(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "The request body is too large.");
        }

        if (exception.InnerException is JsonException json)
        {
            var path = json.Path?.TrimStart('$', '.');
            return string.IsNullOrEmpty(path)
                ? ("body", "The request body is not valid JSON.")
                : (path, $"{path} has the wrong JSON type or format.");
        }

        // The exception handler middleware clears the endpoint and route values; its feature keeps them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? context.GetEndpoint();
        var routeValues = failed?.RouteValues ?? context.Request.RouteValues;
        var parameters = endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        // Values parsed from text: the framework's HasTryParse misses nullable ones (int?, Guid?), so ask the type.
        foreach (var parameter in parameters.Where(p => IsParsedFromText(p.ParameterInfo.ParameterType)))
        {
            var (name, value) = RequestValue(context.Request, routeValues, parameter);
            if (value is null)
            {
                if (!parameter.IsOptional)
                {
                    return (name, $"The {name} parameter is required.");
                }
            }
            else if (!Parses(parameter.ParameterInfo.ParameterType, value))
            {
                return (name, $"The value '{value}' is not a valid {FriendlyName(parameter.ParameterInfo.ParameterType)}.");
            }
        }

        if (endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is not null && context.Request.ContentLength is null or 0)
        {
            return ("body", "A JSON request body is required.");
        }

        return ("request", "The request could not be read.");
    }

    /// <summary>The parameter's name as the caller spells it and its raw value, from where the framework binds it.</summary>
    private static (string Name, string? Value) RequestValue(HttpRequest request, RouteValueDictionary routeValues, IParameterBindingMetadata parameter)
    {
        var attributes = parameter.ParameterInfo.GetCustomAttributes().ToList();
        if (attributes.OfType<IFromHeaderMetadata>().FirstOrDefault() is { } header)
        {
            var name = header.Name ?? parameter.Name;
            return (name, NullIfEmpty(request.Headers[name].ToString()));
        }

        if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } query)
        {
            var name = query.Name ?? parameter.Name;
            return (name, NullIfEmpty(request.Query[name].ToString()));
        }

        var routeName = attributes.OfType<IFromRouteMetadata>().FirstOrDefault()?.Name ?? parameter.Name;
        if (routeValues.TryGetValue(routeName, out var routeValue))
        {
            return (routeName, Convert.ToString(routeValue, CultureInfo.InvariantCulture));
        }

        return (parameter.Name, NullIfEmpty(request.Query[parameter.Name].ToString()));
    }

    private static bool IsParsedFromText(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target != typeof(string) && (target.IsEnum || IsParsable(target));
    }

    private static bool IsParsable(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GenericTypeArguments[0] == type);

    private static bool Parses(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsEnum
            ? Enum.TryParse(target, value, ignoreCase: true, out _)
            : (bool)CanParseMethod.MakeGenericMethod(target).Invoke(null, [value])!;
    }

    private static bool CanParse<T>(string value)
        where T : IParsable<T> => T.TryParse(value, CultureInfo.InvariantCulture, out _);

    private static string FriendlyName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "integer",
        var t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "number",
        var t when t == typeof(Guid) => "identifier (UUID)",
        var t when t == typeof(bool) => "boolean",
        var t => t.Name,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

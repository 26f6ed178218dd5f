using Amazon;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;

namespace Shop.Messaging.Aws;

/// <summary>
/// Region and endpoint overrides, read from the AWS SDKs' own variables: <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>),
/// <c>AWS_ENDPOINT_URL</c> and the per-service <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> (e.g. moto or LocalStack locally).
/// Environment variables reach <see cref="IConfiguration"/> as top-level keys.
/// </summary>
public sealed class AwsSettings
{
    public const string RegionKey = "AWS_REGION";
    public const string DefaultRegionKey = "AWS_DEFAULT_REGION";
    public const string EndpointUrlKey = "AWS_ENDPOINT_URL";

    private readonly IReadOnlyDictionary<string, Uri> _serviceEndpoints;

    public AwsSettings(string region, Uri? endpointUrl = null, IReadOnlyDictionary<string, Uri>? serviceEndpointUrls = null)
    {
        if (string.IsNullOrWhiteSpace(region) || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"{RegionKey} must be a region name like eu-west-1; got '{region}'.", nameof(region));
        }

        Region = region;
        EndpointUrl = endpointUrl is null ? null : RequireHttpUrl(endpointUrl, EndpointUrlKey);
        _serviceEndpoints = (serviceEndpointUrls ?? new Dictionary<string, Uri>())
            .ToDictionary(entry => ServiceKey(entry.Key), entry => RequireHttpUrl(entry.Value, EndpointUrlKey + "_" + ServiceKey(entry.Key)));
    }

    public string Region { get; }

    public RegionEndpoint RegionEndpoint => RegionEndpoint.GetBySystemName(Region);

    /// <summary>The endpoint for every service unless a service has its own; null means the real AWS endpoints.</summary>
    public Uri? EndpointUrl { get; }

    /// <summary>
    /// Reads the settings; a missing region or a malformed URL throws an <see cref="InvalidOperationException"/> naming the setting.
    /// </summary>
    public static AwsSettings FromConfiguration(IConfiguration configuration)
    {
        var region = NullIfBlank(configuration[RegionKey]) ?? NullIfBlank(configuration[DefaultRegionKey])
            ?? throw new InvalidOperationException(
                $"Set {RegionKey} (or {DefaultRegionKey}) to the AWS region, e.g. {RegionKey}=eu-west-1 (us-east-1 for moto).");

        var prefix = EndpointUrlKey + "_";
        var serviceEndpoints = configuration.AsEnumerable()
            .Where(entry => entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !entry.Key.Contains(':', StringComparison.Ordinal))
            .Where(entry => NullIfBlank(entry.Value) is not null)
            .ToDictionary(entry => entry.Key[prefix.Length..], entry => ParseUrl(entry.Value!, entry.Key));

        var endpoint = NullIfBlank(configuration[EndpointUrlKey]) is { } url ? ParseUrl(url, EndpointUrlKey) : null;
        try
        {
            return new AwsSettings(region, endpoint, serviceEndpoints);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>
    /// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> if set, else <c>AWS_ENDPOINT_URL</c>, else null.
    /// <paramref name="service"/> is the service id, e.g. "sns", "sqs", "dynamodb".
    /// </summary>
    public Uri? ServiceUrl(string service) =>
        _serviceEndpoints.TryGetValue(ServiceKey(service), out var url) ? url : EndpointUrl;

    /// <summary>The override from <see cref="ServiceUrl"/>, else the service's public endpoint in <see cref="Region"/>.</summary>
    public Uri EndpointFor(string service) =>
        ServiceUrl(service) ?? new Uri($"https://{service.ToLowerInvariant()}.{Region}.{RegionEndpoint.PartitionDnsSuffix}/");

    /// <summary>An SQS client configuration that follows the same endpoint rules as the SNS client.</summary>
    public AmazonSQSConfig CreateSqsConfig()
    {
        if (ServiceUrl("sqs") is { } url)
        {
            // With ServiceURL the SDK would guess the signing region from the host name; moto's 127.0.0.1 has none.
            return new AmazonSQSConfig { ServiceURL = url.ToString(), AuthenticationRegion = Region };
        }

        return new AmazonSQSConfig { RegionEndpoint = RegionEndpoint };
    }

    /// <summary>A DynamoDB client configuration that follows the same endpoint rules.</summary>
    public AmazonDynamoDBConfig CreateDynamoDbConfig() => ServiceUrl("dynamodb") is { } url
        ? new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = Region }
        : new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint };

    // The SDKs' convention: the service id upper-cased, with spaces and hyphens as underscores.
    private static string ServiceKey(string service) => service.Trim().ToUpperInvariant().Replace(' ', '_').Replace('-', '_');

    private static Uri ParseUrl(string value, string key) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && IsHttp(url)
            ? url
            : throw new InvalidOperationException(NotAnHttpUrl(key, value));

    private static Uri RequireHttpUrl(Uri url, string key) =>
        IsHttp(url) ? url : throw new ArgumentException(NotAnHttpUrl(key, url.OriginalString), nameof(url));

    private static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string NotAnHttpUrl(string key, string value) =>
        $"{key} must be an absolute http(s) URL, e.g. http://127.0.0.1:4566; got '{value}'.";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

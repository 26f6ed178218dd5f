using Amazon;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Shop.Messaging.Aws;

/// <summary>The region and endpoint overrides in effect, from <see cref="AwsOptions"/>, and the clients' configurations that follow them.</summary>
public sealed class AwsSettings
{
    private readonly IReadOnlyDictionary<string, Uri> _serviceEndpoints;

    public AwsSettings(string region, Uri? endpointUrl = null, IReadOnlyDictionary<string, Uri>? serviceEndpointUrls = null)
    {
        if (!IsRegionName(region))
        {
            throw new ArgumentException($"{AwsOptions.RegionKey} must be a region name like eu-west-1; got '{region}'.", nameof(region));
        }

        Region = region;
        EndpointUrl = endpointUrl is null ? null : RequireHttpUrl(endpointUrl, AwsOptions.EndpointUrlKey);
        _serviceEndpoints = (serviceEndpointUrls ?? new Dictionary<string, Uri>())
            .ToDictionary(entry => ServiceKey(entry.Key), entry => RequireHttpUrl(entry.Value, AwsOptions.EndpointUrlKey + "_" + ServiceKey(entry.Key)));
    }

    public string Region { get; }

    public RegionEndpoint RegionEndpoint => RegionEndpoint.GetBySystemName(Region);

    /// <summary>The endpoint for every service unless a service has its own; null means the real AWS endpoints.</summary>
    private Uri? EndpointUrl { get; }

    /// <summary>Settings from options that <see cref="AwsOptionsValidator"/> accepted.</summary>
    public static AwsSettings From(AwsOptions options)
    {
        var prefix = AwsOptions.EndpointUrlKey + "_";
        var urls = options.EndpointUrls().ToDictionary(e => e.Key, e => new Uri(e.Value, UriKind.Absolute));
        var serviceUrls = urls.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key[prefix.Length..], e => e.Value);
        return new AwsSettings(options.EffectiveRegion!, urls.GetValueOrDefault(AwsOptions.EndpointUrlKey), serviceUrls);
    }

    /// <summary>
    /// For programs without a host (command-line tools): binds and validates <see cref="AwsOptions"/> as a service's
    /// start does; a missing region or a malformed URL throws an <see cref="OptionsValidationException"/> naming the setting.
    /// </summary>
    public static AwsSettings FromConfiguration(IConfiguration configuration)
    {
        var options = new AwsOptions();
        configuration.Bind(options);
        var result = new AwsOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(AwsOptions), result.Failures) : From(options);
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

    internal static bool IsRegionName(string? region) =>
        !string.IsNullOrWhiteSpace(region) && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    internal static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    internal static string NotAnHttpUrl(string key, string value) =>
        $"{key} must be an absolute http(s) URL, e.g. http://127.0.0.1:4566; got '{value}'.";

    // The SDKs' convention: the service id upper-cased, with spaces and hyphens as underscores.
    private static string ServiceKey(string service) => service.Trim().ToUpperInvariant().Replace(' ', '_').Replace('-', '_');

    private static Uri RequireHttpUrl(Uri url, string key) =>
        IsHttp(url) ? url : throw new ArgumentException(NotAnHttpUrl(key, url.OriginalString), nameof(url));
}

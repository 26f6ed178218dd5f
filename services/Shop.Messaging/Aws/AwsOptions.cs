using Microsoft.Extensions.Configuration;

namespace Shop.Messaging.Aws;

/// <summary>
/// The AWS SDKs' own variables, read from the top level of configuration (where environment variables land):
/// <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>), <c>AWS_ENDPOINT_URL</c> and the per-service
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> for the services the shop calls (e.g. moto or LocalStack locally).
/// </summary>
public sealed class AwsOptions
{
    public const string RegionKey = "AWS_REGION";
    public const string DefaultRegionKey = "AWS_DEFAULT_REGION";
    public const string EndpointUrlKey = "AWS_ENDPOINT_URL";

    [ConfigurationKeyName(RegionKey)]
    public string? Region { get; set; }

    [ConfigurationKeyName(DefaultRegionKey)]
    public string? DefaultRegion { get; set; }

    [ConfigurationKeyName(EndpointUrlKey)]
    public string? EndpointUrl { get; set; }

    [ConfigurationKeyName(EndpointUrlKey + "_SNS")]
    public string? SnsEndpointUrl { get; set; }

    [ConfigurationKeyName(EndpointUrlKey + "_SQS")]
    public string? SqsEndpointUrl { get; set; }

    [ConfigurationKeyName(EndpointUrlKey + "_DYNAMODB")]
    public string? DynamoDbEndpointUrl { get; set; }

    /// <summary>The region in effect: <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>.</summary>
    public string? EffectiveRegion => NullIfBlank(Region) ?? NullIfBlank(DefaultRegion);

    /// <summary>Each endpoint override that is set, by the variable that sets it.</summary>
    public IEnumerable<(string Key, string Value)> EndpointUrls()
    {
        (string Key, string? Value)[] all =
        [
            (EndpointUrlKey, EndpointUrl),
            (EndpointUrlKey + "_SNS", SnsEndpointUrl),
            (EndpointUrlKey + "_SQS", SqsEndpointUrl),
            (EndpointUrlKey + "_DYNAMODB", DynamoDbEndpointUrl),
        ];
        return all.Where(e => NullIfBlank(e.Value) is not null).Select(e => (e.Key, e.Value!.Trim()));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

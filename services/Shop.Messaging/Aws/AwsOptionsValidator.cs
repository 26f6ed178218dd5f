using Microsoft.Extensions.Options;

namespace Shop.Messaging.Aws;

/// <summary>A region is required and must look like one; every endpoint override must be an absolute http(s) URL.</summary>
public sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        if (options.EffectiveRegion is not { } region)
        {
            failures.Add($"Set {AwsOptions.RegionKey} (or {AwsOptions.DefaultRegionKey}) to the AWS region, e.g. {AwsOptions.RegionKey}=eu-west-1 (us-east-1 for moto).");
        }
        else if (!AwsSettings.IsRegionName(region))
        {
            failures.Add($"{AwsOptions.RegionKey} must be a region name like eu-west-1; got '{region}'.");
        }

        foreach (var (key, value) in options.EndpointUrls())
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !AwsSettings.IsHttp(url))
            {
                failures.Add(AwsSettings.NotAnHttpUrl(key, value));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

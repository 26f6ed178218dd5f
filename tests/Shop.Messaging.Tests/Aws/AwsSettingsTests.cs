using Amazon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;
using Shouldly;

namespace Shop.Messaging.Tests.Aws;

public sealed class AwsSettingsTests
{
    [Fact]
    public void Region_and_endpoint_come_from_the_SDKs_own_variables()
    {
        var settings = FromVariables(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));

        settings.Region.ShouldBe("eu-west-1");
        settings.ServiceUrl("sns").ShouldBe(new Uri("http://127.0.0.1:4566"));
        settings.EndpointFor("sns").ShouldBe(new Uri("http://127.0.0.1:4566"));
    }

    [Fact]
    public void AWS_DEFAULT_REGION_is_used_when_AWS_REGION_is_unset()
    {
        FromVariables(("AWS_DEFAULT_REGION", "eu-central-1")).Region.ShouldBe("eu-central-1");
    }

    [Fact]
    public void A_missing_region_fails_naming_AWS_REGION()
    {
        var error = Should.Throw<OptionsValidationException>(() => FromVariables(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")));

        error.Message.ShouldContain("AWS_REGION");
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL", "127.0.0.1:4566")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://127.0.0.1/")]
    [InlineData("AWS_ENDPOINT_URL_SNS", "not a url")]
    public void A_malformed_endpoint_fails_naming_the_variable(string key, string value)
    {
        var error = Should.Throw<OptionsValidationException>(() => FromVariables(("AWS_REGION", "us-east-1"), (key, value)));

        error.Message.ShouldContain(key);
    }

    [Fact]
    public void A_service_specific_endpoint_wins_for_that_service_only()
    {
        var settings = FromVariables(
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:5000"));

        settings.ServiceUrl("sns").ShouldBe(new Uri("http://127.0.0.1:5000"));
        settings.ServiceUrl("sqs").ShouldBe(new Uri("http://127.0.0.1:4566"));
    }

    [Theory]
    [InlineData("eu-west-1", "https://sns.eu-west-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://sns.cn-north-1.amazonaws.com.cn/")]
    public void Without_an_endpoint_override_the_public_endpoint_of_the_region_is_used(string region, string expected)
    {
        var settings = FromVariables(("AWS_REGION", region));

        settings.ServiceUrl("sns").ShouldBeNull();
        settings.EndpointFor("sns").ShouldBe(new Uri(expected));
    }

    [Fact]
    public void The_SQS_config_uses_the_endpoint_override_and_signs_for_the_region()
    {
        var config = FromVariables(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")).CreateSqsConfig();

        config.ServiceURL.ShouldBe("http://127.0.0.1:4566/");
        config.AuthenticationRegion.ShouldBe("eu-west-1");
    }

    [Fact]
    public void Without_an_override_the_SQS_config_uses_the_region_endpoint()
    {
        var config = FromVariables(("AWS_REGION", "eu-west-1")).CreateSqsConfig();

        config.RegionEndpoint.ShouldBe(RegionEndpoint.EUWest1);
        config.ServiceURL.ShouldBeNull();
    }

    private static AwsSettings FromVariables(params (string Key, string Value)[] variables) =>
        AwsSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
}

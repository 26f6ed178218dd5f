using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

public sealed class SnsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSnsClient_provides_the_query_client_configured_from_the_AWS_variables()
    {
        using var provider = Services(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("Sns:AttemptTimeout", "00:00:03"))
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<ISnsClient>().ShouldBeOfType<SnsQueryClient>();
        provider.GetRequiredService<IOptions<SnsClientOptions>>().Value.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void A_missing_region_stops_the_start_with_a_message_naming_AWS_REGION()
    {
        using var provider = Services().BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("AWS_REGION");
    }

    [Fact]
    public void An_attempt_timeout_out_of_range_stops_the_start_with_a_message_naming_the_setting()
    {
        using var provider = Services(("AWS_REGION", "us-east-1"), ("Sns:AttemptTimeout", "00:30:00")).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("Sns:AttemptTimeout");
    }

    private static ServiceCollection Services(params (string Key, string Value)[] variables)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSnsClient();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;
using Shop.Messaging.DynamoDb;
using Shouldly;

namespace Shop.Messaging.Tests;

/// <summary>Messaging settings are checked when the host starts, and each failure names the setting to fix.</summary>
public sealed class MessagingOptionsValidatorTests
{
    [Fact]
    public void Valid_settings_start()
    {
        Should.NotThrow(() => Validate(Environments.Production, ("Messaging:AccountId", "123456789012")));
        Should.NotThrow(() => Validate(Environments.Development));
    }

    [Fact]
    public void Without_provisioning_the_account_id_is_required()
    {
        var error = Should.Throw<OptionsValidationException>(() => Validate(Environments.Production));

        error.Message.ShouldContain("Messaging:AccountId");
        error.Message.ShouldContain("Messaging:Provision");
    }

    [Fact]
    public void Provisioning_switched_off_in_development_also_needs_the_account_id() =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Development, ("Messaging:Provision", "false")))
            .Message.ShouldContain("Messaging:AccountId");

    [Theory]
    [InlineData("Messaging:RetryBaseDelay", "00:10:00", "Messaging:RetryMaxDelay", "00:05:00")]
    [InlineData("Messaging:OutboxRetryBaseDelay", "00:01:00", "Messaging:OutboxRetryMaxDelay", "00:00:30")]
    public void A_base_delay_above_its_maximum_is_refused(string baseKey, string baseValue, string maxKey, string maxValue)
    {
        var error = Should.Throw<OptionsValidationException>(() => Validate(Environments.Development, (baseKey, baseValue), (maxKey, maxValue)));

        error.Message.ShouldContain(baseKey);
        error.Message.ShouldContain(maxKey);
    }

    [Theory]
    [InlineData("Messaging:Prefix", "Shop_Dev")]
    [InlineData("Messaging:AccountId", "12345")]
    [InlineData("Messaging:MaxConcurrency", "0")]
    [InlineData("Messaging:RetryMaxDelay", "11:00:00")]
    public void A_malformed_single_setting_is_refused_by_name(string key, string value) =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Development, (key, value)))
            .Message.ShouldContain(key.Split(':')[1]);

    private static void Validate(string environment, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_REGION"] = "us-east-1", ["Messaging:Prefix"] = "shop-test" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddDynamoDbMessaging(ShopTopology.Basket, "basket-inbox");
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}

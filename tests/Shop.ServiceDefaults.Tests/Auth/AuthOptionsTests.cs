using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults.Auth;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Auth;

/// <summary>Auth settings are checked when the host starts; each failure names the setting.</summary>
public sealed class AuthOptionsTests
{
    private static readonly string ValidKey = Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Neither_authority_nor_key_fails_naming_both_settings()
    {
        var error = Should.Throw<OptionsValidationException>(() => Validate(Environments.Production));

        error.Message.ShouldContain("Auth__Authority");
        error.Message.ShouldContain("Auth__SigningKey");
    }

    [Fact]
    public void A_signing_key_outside_development_is_refused() =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Production, ("Auth:SigningKey", ValidKey)))
            .Message.ShouldContain("only allowed in the Development environment");

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_signing_key_shorter_than_32_bytes_or_not_base64_is_refused(string key) =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Development, ("Auth:SigningKey", key)))
            .Message.ShouldContain("Auth:SigningKey must be base64");

    [Theory]
    [InlineData("cognito")]
    [InlineData("/pool")]
    public void A_relative_authority_is_refused(string authority) =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Production, ("Auth:Authority", authority)))
            .Message.ShouldContain("Auth:Authority must be an absolute http(s) URL");

    [Fact]
    public void An_empty_role_claim_is_refused() =>
        Should.Throw<OptionsValidationException>(() => Validate(Environments.Development, ("Auth:SigningKey", ValidKey), ("Auth:RoleClaim", "")))
            .Message.ShouldContain("Auth:RoleClaim");

    [Fact]
    public void An_authority_in_production_is_accepted() =>
        Should.NotThrow(() => Validate(Environments.Production, ("Auth:Authority", "https://cognito-idp.eu-west-1.amazonaws.com/pool")));

    [Fact]
    public void A_key_in_development_is_accepted() => Should.NotThrow(() => Validate(Environments.Development, ("Auth:SigningKey", ValidKey)));

    private static void Validate(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddShopAuthentication();
        using var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}

using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults.Auth;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Auth;

public sealed class AuthOptionsValidatorTests
{
    private static readonly string ValidKey = Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Neither_authority_nor_key_fails_naming_both_settings()
    {
        var result = Validate(Environments.Production, new AuthOptions());

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Auth__Authority");
        result.FailureMessage.ShouldContain("Auth__SigningKey");
    }

    [Fact]
    public void A_signing_key_outside_development_is_refused()
    {
        var result = Validate(Environments.Production, new AuthOptions { SigningKey = ValidKey });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("only allowed in the Development environment");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_signing_key_shorter_than_32_bytes_or_not_base64_is_refused(string key)
    {
        var result = Validate(Environments.Development, new AuthOptions { SigningKey = key });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Auth:SigningKey must be base64");
    }

    [Fact]
    public void A_relative_authority_is_refused()
    {
        var result = Validate(Environments.Production, new AuthOptions { Authority = "cognito" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Auth:Authority must be an absolute URL");
    }

    [Fact]
    public void An_authority_in_production_is_accepted()
    {
        Validate(Environments.Production, new AuthOptions { Authority = "https://cognito-idp.eu-west-1.amazonaws.com/pool" })
            .Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void A_key_in_development_is_accepted()
    {
        Validate(Environments.Development, new AuthOptions { SigningKey = ValidKey }).Succeeded.ShouldBeTrue();
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, AuthOptions options) =>
        new AuthOptionsValidator(new Environment(environment)).Validate(null, options);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults.Auth;

namespace Shop.Gateway.DevIssuer;

/// <summary>Never outside Development, and only with an authority: the issuer's own URL, which is also the tokens' <c>iss</c>.</summary>
public sealed class DevIssuerOptionsValidator(IHostEnvironment environment, IOptions<AuthOptions> auth) : IValidateOptions<DevIssuerOptions>
{
    public ValidateOptionsResult Validate(string? name, DevIssuerOptions options)
    {
        if (options.Enabled == true && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"Auth:DevIssuer:Enabled is refused in the {environment.EnvironmentName} environment: the development token issuer runs in Development only.");
        }

        if (options.IsEnabledIn(environment) && string.IsNullOrWhiteSpace(auth.Value.Authority))
        {
            return ValidateOptionsResult.Fail(
                "The development token issuer needs Auth:Authority (Auth__Authority): this gateway's own URL as the services reach it, e.g. http://localhost:8080.");
        }

        return string.IsNullOrWhiteSpace(options.SigningKeyFile) || IsRsaPrivateKeyPem(options.SigningKeyFile)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Auth:DevIssuer:SigningKeyFile must name a readable PEM file holding an RSA private key; '{options.SigningKeyFile}' does not.");
    }

    private static bool IsRsaPrivateKeyPem(string path)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(path));
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}

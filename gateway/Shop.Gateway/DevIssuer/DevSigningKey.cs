using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.DevIssuer;

/// <summary>
/// The development issuer's RSA key: the PEM file named by <c>Auth:DevIssuer:SigningKeyFile</c>, or else one made when
/// the gateway starts and never stored (tokens then last as long as the process). A pinned key keeps tokens valid
/// across gateway restarts and lets a test mint tokens the shop accepts, or almost accepts.
/// </summary>
public sealed class DevSigningKey : IDisposable
{
    private readonly RSA _rsa;

    public DevSigningKey(IOptions<DevIssuerOptions> options)
        : this(Load(options.Value.SigningKeyFile))
    {
    }

    private DevSigningKey(RSA rsa)
    {
        _rsa = rsa;
        Key = new RsaSecurityKey(_rsa) { KeyId = KeyIdOf(_rsa) };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The key's RFC 7638 thumbprint: the same key gets the same <c>kid</c> in every process.</summary>
    public static string KeyIdOf(RSA rsa) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))).ComputeJwkThumbprint());

    /// <summary>The public half as a JWKS entry.</summary>
    public object PublicJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = SecurityAlgorithms.RsaSha256,
            kid = Key.KeyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public void Dispose() => _rsa.Dispose();

    private static RSA Load(string? pemFile)
    {
        var rsa = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(pemFile))
        {
            rsa.ImportFromPem(File.ReadAllText(pemFile));
        }

        return rsa;
    }
}

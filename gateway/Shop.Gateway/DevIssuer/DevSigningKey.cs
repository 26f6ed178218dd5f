using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway.DevIssuer;

/// <summary>An RSA key made when the gateway starts and never stored: tokens last as long as the process.</summary>
public sealed class DevSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public DevSigningKey()
    {
        Key = new RsaSecurityKey(_rsa) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

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
}

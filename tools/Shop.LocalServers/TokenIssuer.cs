using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.LocalServers;

/// <summary>Mints HS256 tokens that services accept when they run with the same <c>Auth__SigningKey</c> (Development only).</summary>
public sealed class TokenIssuer(string signingKey)
{
    public const string Issuer = "shop-local";
    public const string Audience = "shop";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    /// <summary>The HS256 key, e.g. for tests that forge tokens with other claims.</summary>
    public SigningCredentials Credentials { get; } =
        new(new SymmetricSecurityKey(Convert.FromBase64String(signingKey)), SecurityAlgorithms.HmacSha256);

    /// <summary>Base64 of the key, as services read it from <c>Auth__SigningKey</c>.</summary>
    public string SigningKey { get; } = signingKey;

    /// <summary>An issuer for <paramref name="signingKey"/>, or null unless it is base64 of at least 32 bytes (HS256's minimum).</summary>
    public static TokenIssuer? TryCreate(string signingKey)
    {
        var bytes = new byte[signingKey.Length];
        return Convert.TryFromBase64String(signingKey, bytes, out var length) && length >= 32 ? new TokenIssuer(signingKey) : null;
    }

    /// <summary>An issuer with a fresh random 256-bit key.</summary>
    public static TokenIssuer WithRandomKey() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public string CreateToken(string subject, params string[] roles) => CreateToken(subject, DefaultLifetime, roles);

    public string CreateToken(string subject, TimeSpan lifetime, params string[] roles)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject };
        if (roles.Length > 0)
        {
            claims["role"] = roles;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = Credentials,
        });
    }
}

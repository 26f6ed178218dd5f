using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.TestSupport;

/// <summary>Ways a bearer token can be wrong; every one must get 401, at the gateway and at a service.</summary>
public enum BadToken
{
    Expired,
    WrongIssuer,
    WrongAudience,
    Tampered,
    AlgNone,
    ForeignKey,
}

/// <summary>Mints tokens with the real key but wrong claims, and tokens whose signature cannot hold.</summary>
public static class BadTokens
{
    public static string Create(BadToken kind, SigningCredentials credentials, string issuer, string audience, params string[] roles)
    {
        var now = DateTime.UtcNow;
        return kind switch
        {
            BadToken.Expired => Sign(credentials, issuer, audience, roles, now.AddHours(-2), now.AddHours(-1)),
            BadToken.WrongIssuer => Sign(credentials, "https://issuer.invalid", audience, roles, now, now.AddHours(1)),
            BadToken.WrongAudience => Sign(credentials, issuer, "another-api", roles, now, now.AddHours(1)),
            BadToken.Tampered => Tamper(Sign(credentials, issuer, audience, [], now, now.AddHours(1)), roles),
            BadToken.AlgNone => Unsigned(Sign(credentials, issuer, audience, roles, now, now.AddHours(1))),
            BadToken.ForeignKey => Sign(ForeignCredentials(credentials), issuer, audience, roles, now, now.AddHours(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static string Sign(SigningCredentials credentials, string issuer, string audience, string[] roles, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = roles },
            SigningCredentials = credentials,
        });

    // The payload swapped for one of another subject granting the roles (so it differs even without roles); the header
    // and signature kept.
    private static string Tamper(string token, string[] roles)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var granted = payload
            .Replace("\"role\":[]", $"\"role\":[{string.Join(',', roles.Select(role => $"\"{role}\""))}]", StringComparison.Ordinal)
            .Replace("\"sub\":\"mallory\"", "\"sub\":\"alice\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(granted)}.{parts[2]}";
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
    }

    // A key of the same kind and id, so only the signature check can reject it.
    private static SigningCredentials ForeignCredentials(SigningCredentials real) => real.Key switch
    {
        RsaSecurityKey rsa => new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = rsa.KeyId }, real.Algorithm),
        SymmetricSecurityKey => new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), real.Algorithm),
        _ => throw new NotSupportedException(real.Key.GetType().Name),
    };
}

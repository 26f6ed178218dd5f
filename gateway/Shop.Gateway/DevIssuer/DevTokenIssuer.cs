using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shop.ServiceDefaults.Auth;

namespace Shop.Gateway.DevIssuer;

/// <summary>Signs access tokens shaped like the services expect from Cognito: issuer, audience, subject, roles.</summary>
public sealed class DevTokenIssuer(DevSigningKey key, IOptions<AuthOptions> auth, IOptions<DevIssuerOptions> options, TimeProvider time)
{
    /// <summary>The tokens' <c>iss</c> and the discovery document's <c>issuer</c>: the configured authority.</summary>
    public string Issuer => auth.Value.Authority!.TrimEnd('/');

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public string CreateToken(string subject, IReadOnlyCollection<string> roles)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (roles.Count > 0)
        {
            claims[auth.Value.RoleClaim] = roles.ToArray();
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = string.IsNullOrWhiteSpace(auth.Value.Audience) ? null : auth.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
    }
}

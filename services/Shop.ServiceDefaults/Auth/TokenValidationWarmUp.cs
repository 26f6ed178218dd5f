using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.ServiceDefaults.Auth;

/// <summary>
/// Validates one RS256 token of its own, with the service's validation settings and a throwaway key, before Kestrel
/// listens. Parsing, signature checking and claims mapping are otherwise compiled on the first customer's request, part
/// of the 1.4-3.2 s a first request took on two busy shared cores. The key and token never leave this method.
/// </summary>
internal sealed partial class TokenValidationWarmUp(IOptionsMonitor<JwtBearerOptions> options, ILogger<TokenValidationWarmUp> logger) : IHostedService
{
    private const string Issuer = "urn:shop:warm-up";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var jwt = options.Get(JwtBearerDefaults.AuthenticationScheme);
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "warm-up" };
        var parameters = jwt.TokenValidationParameters.Clone();
        parameters.ValidIssuer = Issuer;
        parameters.IssuerSigningKey = key;
        parameters.ConfigurationManager = null;

        var handler = new JsonWebTokenHandler { MapInboundClaims = jwt.MapInboundClaims };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = parameters.ValidAudience,
            Subject = new ClaimsIdentity([new Claim("sub", "warm-up"), new Claim(parameters.RoleClaimType, "warm-up")]),
            Expires = DateTime.UtcNow.AddMinutes(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            LogNotWarmed(logger, result.Exception?.Message ?? "no reason given");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token validation was not warmed up at start ({Reason}); the first request will be slower")]
    private static partial void LogNotWarmed(ILogger logger, string reason);
}

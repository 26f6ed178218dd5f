using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Shop.LocalServers.Tests;

public sealed class TokenIssuerTests
{
    [Fact]
    public async Task Token_validates_with_the_key_and_carries_subject_and_roles()
    {
        var issuer = TokenIssuer.WithRandomKey();

        var token = issuer.CreateToken("customer-1", "admin", "customer");

        var result = await Validate(token, issuer.SigningKey);
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        result.ClaimsIdentity.FindFirst("sub")!.Value.ShouldBe("customer-1");
        result.ClaimsIdentity.FindAll("role").Select(c => c.Value).ShouldBe(["admin", "customer"]);
    }

    [Fact]
    public async Task Token_is_rejected_with_another_key()
    {
        var token = TokenIssuer.WithRandomKey().CreateToken("customer-1");

        var result = await Validate(token, TokenIssuer.WithRandomKey().SigningKey);

        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Token_lives_for_the_requested_time()
    {
        var issuer = TokenIssuer.WithRandomKey();

        var token = new JsonWebToken(issuer.CreateToken("admin", TimeSpan.FromHours(8), "admin"));

        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Random_key_is_base64_for_32_bytes()
    {
        Convert.FromBase64String(TokenIssuer.WithRandomKey().SigningKey).Length.ShouldBe(32);
    }

    private static Task<TokenValidationResult> Validate(string token, string signingKey) =>
        new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TokenIssuer.Issuer,
            ValidAudience = TokenIssuer.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(signingKey)),
        });
}

using Shop.LocalServers;

namespace Shop.AppHost;

/// <summary>
/// The signing key every service validates tokens with in Development, as the secret parameter
/// <c>auth-signing-key</c>: random per run unless configured (<c>Parameters:auth-signing-key</c>, base64 of 32+
/// bytes, e.g. in user secrets to keep tokens valid across runs), and an issuer of tokens signed with it.
/// </summary>
public sealed class DevelopmentAuth
{
    public const string SigningKeyParameter = "auth-signing-key";

    private DevelopmentAuth(IResourceBuilder<ParameterResource> signingKey, TokenIssuer tokens)
    {
        SigningKey = signingKey;
        Tokens = tokens;
    }

    public IResourceBuilder<ParameterResource> SigningKey { get; }

    public TokenIssuer Tokens { get; }

    public static DevelopmentAuth Add(IDistributedApplicationBuilder builder)
    {
        var setting = $"Parameters:{SigningKeyParameter}";
        builder.Configuration[setting] ??= TokenIssuer.WithRandomKey().SigningKey;
        var key = builder.Configuration[setting]!;
        var tokens = TokenIssuer.TryCreate(key)
            ?? throw new InvalidOperationException($"{setting} must be base64 of at least 32 bytes.");
        return new DevelopmentAuth(builder.AddParameter(SigningKeyParameter, secret: true), tokens);
    }
}

public static class DevelopmentAuthExtensions
{
    public static IResourceBuilder<T> WithDevelopmentAuth<T>(this IResourceBuilder<T> service, DevelopmentAuth auth)
        where T : IResourceWithEnvironment =>
        service
            .WithEnvironment("Auth__SigningKey", auth.SigningKey)
            .WithEnvironment("Auth__Issuer", TokenIssuer.Issuer)
            .WithEnvironment("Auth__Audience", TokenIssuer.Audience);
}

namespace Shop.AppHost;

public static class AuthorityExtensions
{
    /// <summary>The audience every token of the development issuer names and every service expects.</summary>
    public const string Audience = "shop";

    /// <summary>
    /// The service validates tokens through the gateway's development issuer (its discovery document and JWKS), the
    /// same code path as Cognito in AWS.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAuthority(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> gateway) =>
        service
            .WithEnvironment("Auth__Authority", gateway.GetEndpoint("http"))
            .WithEnvironment("Auth__Audience", Audience);
}

using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.Gateway.DevIssuer;

public static class DevIssuerEndpoints
{
    public const string TokenPath = "/dev/token";
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IHostApplicationBuilder AddDevIssuer(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DevIssuerOptions>, DevIssuerOptionsValidator>());
        builder.Services.AddOptions<DevIssuerOptions>()
            .BindConfiguration(DevIssuerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DevSigningKey>();
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Maps the issuer's endpoints when it is enabled; otherwise they do not exist (404).</summary>
    public static WebApplication MapDevIssuer(this WebApplication app)
    {
        if (!DevIssuerOptions.IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        var issuerApi = app.MapGroup("").WithTags("Development tokens").AllowAnonymous();
        issuerApi.MapPost(TokenPath, (DevTokenRequest request, DevTokenIssuer issuer) =>
        {
            var errors = request.Validate();
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var token = issuer.CreateToken(request.Sub!, request.Roles?.OfType<string>().ToArray() ?? []);
            return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)issuer.Lifetime.TotalSeconds));
        })
            .WithName("CreateDevToken")
            .WithSummary("Get an access token (Development only)")
            .WithDescription("A token for the subject and roles given, signed by the gateway's own key and accepted by every service, as a Cognito token is in AWS.")
            .Produces<DevTokenResponse>()
            .ProducesValidationProblem();

        issuerApi.MapGet(DiscoveryPath, (DevTokenIssuer issuer) => Results.Json(new
        {
            issuer = issuer.Issuer,
            jwks_uri = issuer.Issuer + JwksPath,
            token_endpoint = issuer.Issuer + TokenPath,
            response_types_supported = new[] { "token" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }))
            .WithName("GetOpenIdConfiguration")
            .WithSummary("The issuer's OpenID Connect discovery document")
            .WithDescription("What the gateway and the services read to validate tokens: the issuer and where its keys are.");

        issuerApi.MapGet(JwksPath, (DevSigningKey key) => Results.Json(new { keys = new[] { key.PublicJwk() } }))
            .WithName("GetJsonWebKeys")
            .WithSummary("The issuer's public signing keys (JWKS)")
            .WithDescription("The public half of the key the development tokens are signed with.");
        return app;
    }

    public sealed record DevTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

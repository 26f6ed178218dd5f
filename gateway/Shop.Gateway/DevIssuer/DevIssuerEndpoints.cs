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

        app.MapPost(TokenPath, (DevTokenRequest request, DevTokenIssuer issuer) =>
        {
            var errors = request.Validate();
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var token = issuer.CreateToken(request.Sub!, request.Roles?.OfType<string>().ToArray() ?? []);
            return Results.Ok(new DevTokenResponse(token, "Bearer", (int)issuer.Lifetime.TotalSeconds));
        }).AllowAnonymous();

        app.MapGet(DiscoveryPath, (DevTokenIssuer issuer) => Results.Json(new
        {
            issuer = issuer.Issuer,
            jwks_uri = issuer.Issuer + JwksPath,
            token_endpoint = issuer.Issuer + TokenPath,
            response_types_supported = new[] { "token" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
        })).AllowAnonymous();

        app.MapGet(JwksPath, (DevSigningKey key) => Results.Json(new { keys = new[] { key.PublicJwk() } })).AllowAnonymous();
        return app;
    }

    public sealed record DevTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

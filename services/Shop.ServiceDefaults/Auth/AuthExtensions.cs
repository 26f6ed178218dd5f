using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Shop.ServiceDefaults.Auth;

public static class AuthExtensions
{
    /// <summary>Any authenticated user; the customer is the token's <c>sub</c>.</summary>
    public const string CustomerPolicy = "customer";

    /// <summary>Users holding the <c>admin</c> role.</summary>
    public const string AdminPolicy = "admin";

    public static IHostApplicationBuilder AddShopAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // ASP.NET Core makes a Data Protection key at start, but bearer tokens are all the shop authenticates with:
        // nothing it protects (no cookie, no antiforgery token) must outlive the process. So the keys stay in memory,
        // and no service looks for a writable key store (a read-only container has none) or warns that their
        // storage is unencrypted, which memory makes moot.
        builder.Services.AddDataProtection();
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRepository());
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        builder.Services.AddHostedService<TokenValidationWarmUp>();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CustomerPolicy, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("admin"));

        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters.NameClaimType = "sub";
        jwt.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
        jwt.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(auth.Audience);
        jwt.TokenValidationParameters.ValidAudience = auth.Audience;

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.RequireHttpsMetadata = auth.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            return;
        }

        if (auth.SigningKey is { } key && AuthOptionsValidator.SigningKeyBytes(key) is { } bytes)
        {
            jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(bytes);
        }
    }
}

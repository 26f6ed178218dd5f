using System.ComponentModel.DataAnnotations;

namespace Shop.Gateway.DevIssuer;

/// <summary>
/// The development token issuer (section <c>Auth:DevIssuer</c>): <c>POST /dev/token</c>, the OpenID discovery document
/// and the JWKS, so local tokens are validated the way Cognito's are, through <c>Auth:Authority</c>.
/// </summary>
public sealed class DevIssuerOptions
{
    public const string Section = "Auth:DevIssuer";

    /// <summary>Unset: on in Development only. <c>true</c> outside Development is refused at start.</summary>
    public bool? Enabled { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Auth:DevIssuer:TokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A PEM file with the RSA private key to sign with; unset: a new key every start.</summary>
    public string? SigningKeyFile { get; set; }

    public bool IsEnabledIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();

    /// <summary>Whether the endpoints are mapped, read before the options are bound (at start, when routes are made).</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        new DevIssuerOptions { Enabled = configuration.GetSection(Section).GetValue<bool?>(nameof(Enabled)) }.IsEnabledIn(environment);
}

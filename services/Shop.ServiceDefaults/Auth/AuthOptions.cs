using System.ComponentModel.DataAnnotations;

namespace Shop.ServiceDefaults.Auth;

/// <summary>
/// JWT bearer settings (section <c>Auth</c>). In AWS, <see cref="Authority"/> points at the Cognito user pool;
/// in Development only, <see cref="SigningKey"/> lets the AppHost and tests mint their own tokens.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OpenID Connect issuer whose keys sign the tokens, e.g. https://cognito-idp.REGION.amazonaws.com/POOL_ID.</summary>
    [Url(ErrorMessage = "Auth:Authority must be an absolute http(s) URL.")]
    public string? Authority { get; set; }

    /// <summary>Expected <c>aud</c>; when empty the audience is not checked (Cognito access tokens carry none).</summary>
    public string? Audience { get; set; }

    /// <summary>Development only: a base64 symmetric key (at least 32 bytes) for HS256 tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer of locally signed tokens.</summary>
    public string Issuer { get; set; } = "shop-local";

    /// <summary>The claim holding roles; Cognito puts groups in <c>cognito:groups</c>.</summary>
    [Required(ErrorMessage = "Auth:RoleClaim must not be empty.")]
    public string RoleClaim { get; set; } = "role";
}

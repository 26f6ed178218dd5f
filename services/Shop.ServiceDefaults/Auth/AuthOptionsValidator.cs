using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults.Auth;

/// <summary>The rules of <see cref="AuthOptions"/> beyond single fields: one way to validate tokens, a local key only in Development.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        var hasKey = !string.IsNullOrWhiteSpace(options.SigningKey);

        if (!hasAuthority && !hasKey)
        {
            failures.Add("Set Auth:Authority (Auth__Authority), or in Development Auth:SigningKey (Auth__SigningKey).");
        }

        if (hasKey && !environment.IsDevelopment())
        {
            failures.Add("Auth:SigningKey is only allowed in the Development environment; use Auth:Authority.");
        }

        if (hasKey && SigningKeyBytes(options.SigningKey!) is not { Length: >= 32 })
        {
            failures.Add("Auth:SigningKey must be base64 for at least 32 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static byte[]? SigningKeyBytes(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var written) ? buffer[..written] : null;
    }
}

using Microsoft.Extensions.Options;

namespace Shop.Messaging.Sns;

public sealed class SnsRetryOptionsValidator : IValidateOptions<SnsRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, SnsRetryOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

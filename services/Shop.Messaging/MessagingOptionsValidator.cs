using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Shop.Messaging;

/// <summary>The rules of <see cref="MessagingOptions"/> that span fields; single-field rules are annotations.</summary>
public sealed class MessagingOptionsValidator(IHostEnvironment environment) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (!options.ProvisionsIn(environment) && string.IsNullOrWhiteSpace(options.AccountId))
        {
            failures.Add(
                "Messaging:AccountId (Messaging__AccountId) is required when Messaging:Provision is off: without it the service " +
                "would call CreateTopic to find its topics' ARNs, which it may not do where the topology is deployed for it.");
        }

        if (options.RetryBaseDelay > options.RetryMaxDelay)
        {
            failures.Add($"Messaging:RetryBaseDelay ({options.RetryBaseDelay}) must not exceed Messaging:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.OutboxRetryBaseDelay > options.OutboxRetryMaxDelay)
        {
            failures.Add(
                $"Messaging:OutboxRetryBaseDelay ({options.OutboxRetryBaseDelay}) must not exceed Messaging:OutboxRetryMaxDelay ({options.OutboxRetryMaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

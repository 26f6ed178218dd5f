using System.Text.RegularExpressions;

namespace Shop.Gateway.DevIssuer;

/// <summary>The body of <c>POST /dev/token</c>: <c>{"sub": "alice", "roles": ["admin"]}</c>.</summary>
public sealed partial record DevTokenRequest(string? Sub, IReadOnlyList<string?>? Roles)
{
    public const int MaxRoles = 10;
    private const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '@', '-'";

    /// <summary>What is wrong, per field, as ProblemDetails' <c>errors</c>; empty when the request is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(Sub))
        {
            errors["sub"] = ["sub is required."];
        }
        else if (!Name().IsMatch(Sub))
        {
            errors["sub"] = [$"sub must be {Rule}."];
        }

        if (Roles is { Count: > MaxRoles })
        {
            errors["roles"] = [$"roles may hold at most {MaxRoles} roles."];
        }
        else
        {
            for (var i = 0; i < (Roles?.Count ?? 0); i++)
            {
                if (Roles![i] is not { } role || !Name().IsMatch(role))
                {
                    errors[$"roles[{i}]"] = [$"Each role must be {Rule}."];
                }
            }
        }

        return errors;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._@-]{1,64}\z")]
    private static partial Regex Name();
}

using Microsoft.Extensions.Options;
using Npgsql;

namespace Shop.Data;

/// <summary>The connection string is set and is one Npgsql can read; the failure names the setting to fix.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var setting = $"ConnectionStrings:{options.ConnectionName} (environment variable ConnectionStrings__{options.ConnectionName})";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"The setting {setting} is not set.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"The setting {setting} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}

using System.Text.Json;
using Shop.LocalServers;

namespace Shop.TestSupport;

/// <summary>
/// Lints an OpenAPI document with Spectral's <c>spectral:oas</c> ruleset, from tools/openapi-lint (its pinned
/// package is installed with <c>npm ci</c> on first use, so the machine needs Node.js and npm).
/// </summary>
public static class Spectral
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    /// <summary>Every finding, error or warning, as "code: message (path)"; empty for a clean document.</summary>
    public static async Task<IReadOnlyList<string>> LintAsync(string openApiJson, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "tools", "openapi-lint");
        await EnsureInstalledAsync(folder, cancellationToken);

        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        var report = Path.ChangeExtension(document, ".spectral.json");
        await File.WriteAllTextAsync(document, openApiJson, cancellationToken);
        try
        {
            var run = await CommandLine.RunAsync(
                Path.Combine(folder, "node_modules", ".bin", "spectral"),
                ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--output", report, document],
                folder,
                cancellationToken);
            if (!File.Exists(report))
            {
                throw new InvalidOperationException($"Spectral wrote no report (exit code {run.ExitCode}):{Environment.NewLine}{run.Output}");
            }

            using var findings = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken));
            return
            [
                .. findings.RootElement.EnumerateArray().Select(finding =>
                    $"{finding.GetProperty("code").GetString()}: {finding.GetProperty("message").GetString()} " +
                    $"({string.Join('.', finding.GetProperty("path").EnumerateArray().Select(part => part.ToString()))})"),
            ];
        }
        finally
        {
            File.Delete(document);
            File.Delete(report);
        }
    }

    // Test projects run in parallel processes: one installs while the others wait on the lock file.
    private static async Task EnsureInstalledAsync(string folder, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                await using var installLock = new FileStream(Path.Combine(folder, ".install.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (!File.Exists(Path.Combine(folder, "node_modules", ".bin", "spectral")))
                {
                    var install = await CommandLine.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, cancellationToken);
                    if (!install.Succeeded)
                    {
                        throw new InvalidOperationException($"npm ci in {folder} failed:{Environment.NewLine}{install.Output}");
                    }
                }

                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}

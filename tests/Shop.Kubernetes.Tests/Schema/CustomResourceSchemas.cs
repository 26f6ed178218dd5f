using Shop.LocalServers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Kubernetes.Tests.Rendering;

namespace Shop.Kubernetes.Tests.Schema;

/// <summary>
/// Validates custom resources (KEDA, External Secrets, the OpenTelemetry operator) against their CRDs' schemas with
/// tools/k8s-validate (Node.js; its pinned packages are installed with <c>npm ci</c> on first use, so the machine
/// needs Node.js 20+ and npm). Unknown fields are errors there too; a kind it has no schema for is an error.
/// </summary>
public static class CustomResourceSchemas
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tools", "k8s-validate");

    /// <summary>Each object's errors, "Kind/name: path: message"; empty when all are valid.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(IEnumerable<RenderedObject> objects, CancellationToken cancellationToken)
    {
        var input = new JsonArray([.. objects.Select(o => o.Json.DeepClone())]);
        if (input.Count == 0)
        {
            return [];
        }

        return await ValidateJsonAsync(input.ToJsonString(), cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ValidateJsonAsync(string objectsJson, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var run = await Command.RunAsync("node", ["validate.js"], Folder, objectsJson, cancellationToken);
        if (!run.Succeeded)
        {
            throw new InvalidOperationException($"node tools/k8s-validate/validate.js failed (exit code {run.ExitCode}):{Environment.NewLine}{run.Error}");
        }

        using var results = JsonDocument.Parse(run.Output);
        return
        [
            .. results.RootElement.EnumerateArray().SelectMany(result => result.GetProperty("errors").EnumerateArray().Select(error =>
                $"{result.GetProperty("kind")}/{result.GetProperty("name")} ({result.GetProperty("apiVersion")}): {error.GetString()}")),
        ];
    }

    // Test projects run in parallel processes: one installs while the others wait on the lock file.
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                await using var installLock = new FileStream(Path.Combine(Folder, ".install.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (!File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")))
                {
                    var install = await Command.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, cancellationToken: cancellationToken);
                    if (!install.Succeeded)
                    {
                        throw new InvalidOperationException($"npm ci in {Folder} failed:{Environment.NewLine}{install.Output}{install.Error}");
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

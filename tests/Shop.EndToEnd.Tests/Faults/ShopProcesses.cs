using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.AppHost;

namespace Shop.EndToEnd.Tests.Faults;

/// <summary>The shop's processes as the orchestrator runs them: their pids, signals to them, and starting them again.</summary>
public sealed class ShopProcesses(DistributedApplication app)
{
    private static readonly string[] StoppedStates = [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    /// <summary>
    /// The pid of the resource's own process: the orchestrator starts a project with <c>dotnet run</c>, which runs it as
    /// a child (for PostgreSQL, the postmaster).
    /// </summary>
    public async Task<int> PidAsync(string resource, CancellationToken cancellationToken)
    {
        if (resource == "postgres")
        {
            // The orchestrator's process may be a runuser wrapper (as root); the postmaster names itself in its data folder.
            var dataDirectory = Model.Resources.OfType<LocalPostgresResource>().Single().DataDirectory;
            var pidFile = await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), cancellationToken);
            return int.Parse(pidFile[0], CultureInfo.InvariantCulture);
        }

        var running = await app.ResourceNotifications.WaitForResourceAsync(
            resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running && PidOf(e) is not null, cancellationToken);
        return InnermostChild(PidOf(running)!.Value);
    }

    private static int InnermostChild(int pid)
    {
        while (File.Exists($"/proc/{pid}/task/{pid}/children")
               && File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var only])
        {
            pid = int.Parse(only, CultureInfo.InvariantCulture);
        }

        return pid;
    }

    /// <summary>Sends <paramref name="signal"/> (KILL, TERM, INT) to the process, as <c>kill -s</c> does.</summary>
    public static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync(cancellationToken);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>True once the process is gone (a zombie waiting for its parent counts as gone).</summary>
    public static bool HasExited(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
    }

    /// <summary>Waits until the orchestrator has seen the resource stop; answers its exit code when it knows one.</summary>
    public async Task<int?> WaitStoppedAsync(string resource, CancellationToken cancellationToken)
    {
        var stopped = await app.ResourceNotifications.WaitForResourceAsync(resource, e => StoppedStates.Contains(e.Snapshot.State?.Text), cancellationToken);
        return stopped.Snapshot.ExitCode;
    }

    /// <summary>Starts the stopped resource again and waits until a new process of it is healthy.</summary>
    public async Task StartAsync(string resource, int previousPid, CancellationToken cancellationToken)
    {
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(Model.Resources.Single(r => r.Name == resource), KnownResourceCommands.StartCommand, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Starting {resource} failed: {result.Message}");
        }

        await app.ResourceNotifications.WaitForResourceAsync(
            resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && PidOf(e) is { } pid && pid != previousPid && e.Snapshot.HealthStatus == HealthStatus.Healthy,
            cancellationToken);
    }

    private DistributedApplicationModel Model => app.Services.GetRequiredService<DistributedApplicationModel>();

    private static int? PidOf(ResourceEvent resource) =>
        resource.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;
}

using Microsoft.Extensions.Hosting;
using Shop.LocalServers;

namespace Shop.AppHost;

/// <summary>
/// When the AppHost stops, stops the throwaway server (immediate mode: its data is thrown away anyway) and deletes its
/// cluster, so that Ctrl+C leaves no data directory behind. The orchestrator would stop the process, but only after
/// the AppHost has exited, when nothing is left to delete the directory.
/// </summary>
internal sealed class LocalPostgresCleanup(LocalPostgresResource postgres) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(postgres.DataDirectory, "postmaster.pid")))
        {
            await CommandLine.RunAsPostgresUserAsync(
                PostgresBinaries.PgCtl(postgres.BinDirectory),
                ["-D", postgres.DataDirectory, "-m", "immediate", "-w", "-t", "10", "stop"],
                Path.GetTempPath(),
                cancellationToken);
        }

        for (var attempt = 1; Directory.Exists(postgres.DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(postgres.DataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                // A just-stopped server may still be closing files.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }
}

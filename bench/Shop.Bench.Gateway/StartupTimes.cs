using System.Diagnostics;
using Shop.LocalServers;

namespace Shop.Bench.Gateway;

/// <summary>How long a fresh gateway process takes from its start to its first proxied 200.</summary>
public static class StartupTimes
{
    public static async Task<IReadOnlyList<TimeSpan>> MeasureAsync(string root, string work, Target backend, int samples, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var times = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            var port = FreePort.Next();
            var url = new Uri($"http://127.0.0.1:{port}{Targets.Path}");
            var watch = Stopwatch.StartNew();
            var dll = Targets.Release(root, "gateway/Shop.Gateway", "Shop.Gateway.dll");
            await using var gateway = ServiceProcess.Start(new ServiceProcessStartInfo("gateway-start", "dotnet", Path.Combine(work, $"gateway-start-{i}.log"))
            {
                Arguments = [dll],
                WorkingDirectory = Path.GetDirectoryName(dll),
                Environment = Targets.GatewayEnvironment(port, backend),
            });
            while (!await AnswersOkAsync(client, url, cancellationToken))
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30) || gateway.HasExited)
                {
                    throw new InvalidOperationException($"The gateway did not answer 200 within 30 s:{Environment.NewLine}{gateway.OutputTail()}");
                }

                await Task.Delay(5, cancellationToken);
            }

            times.Add(watch.Elapsed);
        }

        return times;
    }

    private static async Task<bool> AnswersOkAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

namespace Shop.ServiceDefaults.Health;

/// <summary>
/// <c>dotnet Shop.X.dll --probe http://localhost:8080/health/ready</c> exits 0 when the URL answers 2xx, else 1.
/// Chiseled images have no shell or curl, so a container healthcheck has to be the app's own binary.
/// </summary>
public static class HealthProbe
{
    private const string Flag = "--probe";

    public static bool IsRequested(string[] args) => args is [Flag, _];

    public static async Task<int> RunAsync(string[] args)
    {
        if (!Uri.TryCreate(args[1], UriKind.Absolute, out var url))
        {
            await Console.Error.WriteLineAsync($"{Flag} needs an absolute URL; got '{args[1]}'.");
            return 1;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}

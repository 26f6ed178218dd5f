using System.Runtime.InteropServices;

namespace Shop.LocalRunner;

// A named class rather than top-level statements: test projects reference this assembly next to a service's,
// and two global Program types would collide there.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (RunnerArguments.Parse(args, out var error) is not { } arguments)
        {
            Console.Error.WriteLine(error.Length > 0 ? error + Environment.NewLine + RunnerArguments.Usage : RunnerArguments.Usage);
            return error.Length > 0 ? 2 : 0;
        }

        var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var options = new ShopHostOptions
        {
            RepositoryRoot = RepositoryRoot.Find(),
            Configuration = arguments.Configuration,
            Build = arguments.Build,
            Ports = new Dictionary<string, int> { [ShopServices.Gateway.Name] = arguments.GatewayPort },
            EchoServiceOutput = arguments.Echo,
            Progress = message => Console.WriteLine("» " + message),
        };

        try
        {
            await using var shop = await ShopHost.StartAsync(options, stop.Token);
            Console.WriteLine(Banner.For(shop));
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping…");
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Ctrl+C during start-up: whatever failed because of it (a build, a service the terminal's SIGINT stopped) is expected.
            Console.WriteLine("Start-up cancelled.");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("The shop did not start: " + e.Message);
            return 1;
        }

        Console.WriteLine("Stopped.");
        return 0;
    }
}

using System.Globalization;

namespace Shop.LocalRunner;

/// <summary>The command line of <c>dotnet run --project tools/Shop.LocalRunner -- [options]</c>.</summary>
public sealed record RunnerArguments(bool Build, int GatewayPort, string Configuration, bool Echo)
{
    public const string Usage = """
        Usage: dotnet run --project tools/Shop.LocalRunner -- [options]
          --no-build            start the already built services
          --gateway-port N      the gateway's port (default 8080)
          -c, --configuration C Debug (default) or Release
          --echo                also print every service's log lines here
        PostgreSQL: a throwaway local server, or the one in SHOP_POSTGRES (a connection string without Database).
        """;

    public static RunnerArguments Default { get; } = new(Build: true, GatewayPort: ShopServices.Gateway.DefaultPort, "Debug", Echo: false);

    /// <summary>The parsed arguments, or null with an <paramref name="error"/> (empty for --help).</summary>
    public static RunnerArguments? Parse(IReadOnlyList<string> args, out string error)
    {
        var result = Default;
        error = "";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--no-build":
                    result = result with { Build = false };
                    break;
                case "--echo":
                    result = result with { Echo = true };
                    break;
                case "--gateway-port" when i + 1 < args.Count && IsPort(args[i + 1], out var port):
                    result = result with { GatewayPort = port };
                    i++;
                    break;
                case "-c" or "--configuration" when i + 1 < args.Count && args[i + 1] is "Debug" or "Release":
                    result = result with { Configuration = args[i + 1] };
                    i++;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = $"Unknown or incomplete option '{args[i]}'.";
                    return null;
            }
        }

        return result;
    }

    private static bool IsPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Shop.LocalServers;

/// <summary>
/// A moto server (the AWS emulator: SNS, SQS, DynamoDB...) listening on 127.0.0.1, run as a <see cref="ServiceProcess"/>.
/// It keeps everything in memory: disposing stops it and all its topics and queues are gone.
/// </summary>
public sealed class LocalMoto : IAsyncDisposable
{
    public const int DefaultPort = 4566;
    public const string Executable = "moto_server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly bool _ownsLogFile;
    private bool _disposed;

    private LocalMoto(ServiceProcess process, int port, bool ownsLogFile)
    {
        Process = process;
        Port = port;
        _ownsLogFile = ownsLogFile;
    }

    public int Port { get; }

    /// <summary>The one URL for every emulated service, e.g. as AWS_ENDPOINT_URL.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>The moto_server process, e.g. for its <see cref="ServiceProcess.OutputTail"/>.</summary>
    public ServiceProcess Process { get; }

    public static bool IsAvailable() => FindExecutable() is not null;

    /// <summary>The full path of moto_server on PATH, or null.</summary>
    public static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, Executable))
            .FirstOrDefault(IsExecutableFile);

    /// <summary>
    /// Starts moto_server on <paramref name="port"/> and waits until it answers. Without a <paramref name="logFile"/>
    /// its output goes to a temporary file that disposing deletes.
    /// </summary>
    public static async Task<LocalMoto> StartAsync(
        int port = DefaultPort, string? logFile = null, bool echoOutput = false, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException($"{Executable} is not on PATH; install it with: pip install 'moto[server]'");

        // Otherwise a server already on the port (say, another moto) could answer the readiness check in place of ours.
        if (!IsFree(port))
        {
            throw new InvalidOperationException($"Port {port} on 127.0.0.1 is in use, so {Executable} cannot listen there.");
        }

        var ownsLogFile = logFile is null;
        var startInfo = new ServiceProcessStartInfo("moto", executable, logFile ?? TemporaryLogFile())
        {
            Arguments = ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)],
            EchoToConsole = echoOutput,
        };
        var moto = new LocalMoto(ServiceProcess.Start(startInfo), port, ownsLogFile);
        try
        {
            // GET / is S3's ListBuckets to moto: 200 once it serves requests.
            await moto.Process.WaitHealthyAsync(moto.Endpoint, ReadyTimeout, cancellationToken);
            return moto;
        }
        catch
        {
            await moto.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Process.DisposeAsync();
        if (_ownsLogFile)
        {
            File.Delete(Process.LogFile);
        }
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string TemporaryLogFile() => Path.Combine(Path.GetTempPath(), $"shop-moto-{Guid.NewGuid():N}.log");
}

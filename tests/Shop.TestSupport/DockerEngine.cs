using System.Net.Sockets;

namespace Shop.TestSupport;

/// <summary>Answers quickly whether a Docker engine is reachable, so tests without Docker do not wait on Testcontainers.</summary>
public static class DockerEngine
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken = default)
    {
        if (Endpoint() is not { } endpoint)
        {
            return false;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            using var http = CreateClient(endpoint);
            using var response = await http.GetAsync("_ping", timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>DOCKER_HOST if set, else the default socket if it exists.</summary>
    private static Uri? Endpoint()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } dockerHost)
        {
            return Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri) ? uri : null;
        }

        return File.Exists("/var/run/docker.sock") ? new Uri("unix:///var/run/docker.sock") : null;
    }

    private static HttpClient CreateClient(Uri endpoint)
    {
        if (endpoint.Scheme != "unix")
        {
            return new HttpClient(new SocketsHttpHandler { UseProxy = false })
            {
                BaseAddress = new UriBuilder("http", endpoint.Host, endpoint.Port).Uri,
            };
        }

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
    }
}

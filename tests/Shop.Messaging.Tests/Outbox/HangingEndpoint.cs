using System.Net;
using System.Net.Sockets;

namespace Shop.Messaging.Tests.Outbox;

/// <summary>An HTTP endpoint that accepts connections and reads requests but never answers, like a stuck service.</summary>
public sealed class HangingEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;
    private int _requests;

    private HangingEndpoint()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>How many connections sent something (a request that will never be answered).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static HangingEndpoint Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = ReadFirstBytesAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ReadFirstBytesAsync(TcpClient client)
    {
        try
        {
            if (await client.GetStream().ReadAsync(new byte[1024], _stop.Token) > 0)
            {
                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}

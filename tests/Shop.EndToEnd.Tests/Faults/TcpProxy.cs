using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Shop.EndToEnd.Tests.Faults;

/// <summary>
/// A TCP proxy on a local port that forwards to a target it learns from <paramref name="target"/> (null until the
/// target is known: a connection waits for it). <see cref="Cut"/> resets every open connection and every new one
/// until <see cref="Restore"/>: to the client, the target is unreachable.
/// </summary>
public sealed class TcpProxy(Func<Uri?> target) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;
    private volatile bool _cut;

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            var to = await TargetAsync();
            await upstream.ConnectAsync(to.Host, to.Port, _stopping.Token);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client sees its connection end, as it would if the target had gone away.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
        }
    }

    private async Task<Uri> TargetAsync()
    {
        while (true)
        {
            if (target() is { } known)
            {
                return known;
            }

            await Task.Delay(100, _stopping.Token);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stopping.Token);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side was reset (or the proxy cut it): so is the other, which ends the other pump.
            Reset(to);
        }
    }

    // A zero linger time closes with RST: the peer gets "connection reset", not an orderly end of stream.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }

        _stopping.Dispose();
    }
}

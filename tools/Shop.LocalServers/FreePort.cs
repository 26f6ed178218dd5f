using System.Net;
using System.Net.Sockets;

namespace Shop.LocalServers;

public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it from the ephemeral range).</summary>
    public static int Next() => Next(1)[0];

    /// <summary>Distinct free ports: all are held open together while the OS picks them.</summary>
    public static IReadOnlyList<int> Next(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(listener => listener.Dispose());
        }
    }
}

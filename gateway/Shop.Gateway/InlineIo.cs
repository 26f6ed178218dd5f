namespace Shop.Gateway;

/// <summary>
/// One switch for running I/O continuations on the socket threads instead of hopping to the thread pool: the runtime's
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> does it for the sockets the proxy sends on, and this makes
/// Kestrel do the same for the connections it accepts. Safe only because nothing on the gateway's request path blocks.
/// </summary>
public static class InlineIo
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool IsRequested => Environment.GetEnvironmentVariable(Variable) == "1";

    public static IWebHostBuilder UseInlineIoWhenRequested(this IWebHostBuilder webHost) =>
        IsRequested ? webHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true) : webHost;
}

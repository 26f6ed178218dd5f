using System.Net;
using System.Net.Sockets;

namespace Shop.LocalServers.Tests;

public sealed class LocalMotoTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Started_moto_answers_on_its_loopback_endpoint()
    {
        await using var moto = await StartAsync();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var response = await http.GetAsync(moto.Endpoint, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        moto.Endpoint.ShouldBe(new Uri($"http://127.0.0.1:{moto.Port}/"));
    }

    [Fact]
    public async Task Disposing_stops_moto_and_leaves_no_process_or_log_behind()
    {
        var moto = await StartAsync();
        var pid = moto.Process.ProcessId;
        var logFile = moto.Process.LogFile;
        ProcessTable.IsRunning(pid).ShouldBeTrue();

        await moto.DisposeAsync();

        ProcessTable.IsRunning(pid).ShouldBeFalse();
        File.Exists(logFile).ShouldBeFalse();
        using var client = new TcpClient();
        await Should.ThrowAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, moto.Port, Cancellation).AsTask());
    }

    [Fact]
    public async Task Output_goes_to_the_given_log_file_which_is_kept()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"shop-moto-test-{Guid.NewGuid():N}.log");
        try
        {
            await using (var moto = await StartAsync(logFile))
            {
                using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
                (await http.GetAsync(moto.Endpoint, Cancellation)).Dispose();
            }

            // Werkzeug logs each request.
            (await File.ReadAllTextAsync(logFile, Cancellation)).ShouldContain("GET / HTTP/1.1");
        }
        finally
        {
            File.Delete(logFile);
        }
    }

    [Fact]
    public async Task Starting_on_a_port_in_use_fails_naming_the_port()
    {
        Assert.SkipUnless(LocalMoto.IsAvailable(), "moto_server is not on PATH.");
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => LocalMoto.StartAsync(port, cancellationToken: Cancellation));

        error.Message.ShouldContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<LocalMoto> StartAsync(string? logFile = null)
    {
        Assert.SkipUnless(LocalMoto.IsAvailable(), "moto_server is not on PATH.");
        return LocalMoto.StartAsync(FreePort.Next(), logFile, cancellationToken: Cancellation);
    }
}

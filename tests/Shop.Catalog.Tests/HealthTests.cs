using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Catalog.Tests;

public sealed class HealthTests(MotoFixture moto)
{
    [Fact]
    public async Task A_database_that_never_answers_makes_ready_fail_fast_while_live_stays_up()
    {
        // Accepts TCP connections and never speaks: a connection attempt hangs as on a dead network path.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var catalog = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Catalog", $"Host=127.0.0.1;Port={port};Username=postgres;Database=catalog;Timeout=30")
            .UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
            .WithMessaging(moto));
        var client = catalog.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var timer = Stopwatch.StartNew();
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the 2 s check timeout, not the 30 s connect timeout, answers");
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"postgres\":{\"status\":\"Unhealthy\"");
    }

    [Fact]
    public async Task A_database_host_that_does_not_resolve_makes_ready_fail_fast()
    {
        await using var catalog = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Catalog", "Host=catalog-db.invalid;Username=postgres;Database=catalog;Timeout=30")
            .UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
            .WithMessaging(moto));
        var client = catalog.CreateClient();

        var timer = Stopwatch.StartNew();
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the 2 s check timeout bounds name resolution too");
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"postgres\":{\"status\":\"Unhealthy\"");
    }

    [Fact]
    public async Task A_request_while_the_database_refuses_connections_is_a_503_problem_with_retry_after()
    {
        // A port nothing listens on: every connection attempt is refused at once.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var catalog = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Catalog", $"Host=127.0.0.1;Port={port};Username=postgres;Database=catalog;Timeout=2")
            .UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
            .WithMessaging(moto));

        var response = await catalog.CreateClient().GetAsync("/api/catalog/products", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}

internal static class MessagingSettings
{
    /// <summary>Catalog's messaging against the moto server, under a prefix of its own.</summary>
    public static IWebHostBuilder WithMessaging(this IWebHostBuilder web, MotoFixture moto)
    {
        web.UseSetting("Messaging:Prefix", "t" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var (key, value) in moto.Settings)
        {
            web.UseSetting(key, value);
        }

        return web;
    }
}

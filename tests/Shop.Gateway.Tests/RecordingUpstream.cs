using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Gateway.Tests;

/// <summary>A real Kestrel server on a free loopback port that stands in for a service and records what reaches it.</summary>
public sealed class RecordingUpstream : IAsyncLifetime
{
    private WebApplication? _app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>What it answers with; 500 makes it a failing service.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            // The gateway's active health checks: answered, not recorded.
            if (context.Request.Path.StartsWithSegments("/health"))
            {
                context.Response.StatusCode = StatusCode;
                return;
            }

            Requests.Enqueue(new RecordedRequest(
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.TraceParent.ToString(),
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers["X-Request-Id"].ToString()));

            // ?delayMs=N: a slow service.
            if (int.TryParse(context.Request.Query["delayMs"], out var delay))
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            context.Response.Headers.Server = "upstream-kestrel";
            context.Response.StatusCode = StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"upstream":true}""");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = new Uri(address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed record RecordedRequest(string PathAndQuery, string TraceParent, string Authorization, string RequestId);

using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.ServiceDefaults.Health;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Health;

public sealed class TimeBoundHealthCheckTests
{
    [Fact]
    public async Task A_check_that_ignores_cancellation_still_answers_not_ready_at_its_timeout()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddShopHealthChecks();
        builder.Services.AddHealthChecks().AddCheck<DeafCheck>("deaf", timeout: TimeSpan.FromSeconds(1));
        await using var app = builder.Build();
        app.MapShopHealthChecks();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var timer = Stopwatch.StartNew();
        var ready = await app.GetTestClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        timer.Elapsed.ShouldBeLessThan(DeafCheck.Duration / 2, "the 1 s timeout, not the check's 20 s, answers");
        (await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"deaf\":{\"status\":\"Unhealthy\"");
    }

    /// <summary>Like a connection attempt stuck in name resolution: it does not look at its cancellation token.</summary>
    private sealed class DeafCheck : IHealthCheck
    {
        public static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Duration, CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
    }
}

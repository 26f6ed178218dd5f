using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Data;
using Shop.ServiceDefaults.Auth;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.WarmUp;

/// <summary>What a service does at start so that its first requests are not compiled on a customer's time.</summary>
public sealed class WarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Auth:Authority", "https://cognito-idp.eu-west-1.amazonaws.com/pool")]
    [InlineData("Auth:SigningKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task The_warm_up_token_passes_the_services_own_validation_settings(string setting, string value)
    {
        var log = new WarningLog();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value, ["Auth:Audience"] = "shop" });
        builder.Logging.ClearProviders().AddProvider(log);
        builder.AddShopAuthentication();
        await using var app = builder.Build();

        var warmUp = app.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "TokenValidationWarmUp");
        await warmUp.StartAsync(Ct);

        log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_database_that_refuses_connections_leaves_the_start_going_with_a_warning()
    {
        var log = new WarningLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        // Port 1 on the loopback refuses at once; nothing listens there.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Notes"] = "Host=127.0.0.1;Port=1;Database=notes;Timeout=2" });
        builder.Logging.ClearProviders().AddProvider(log);
        builder.AddPostgresDbContext<NotesDbContext>("Notes");
        using var host = builder.Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        log.Entries.ShouldContain(entry => entry.StartsWith("NotesDbContext: not warmed up at start", StringComparison.Ordinal));
    }

    private sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }

    private sealed record Note(int Id, string Text);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Data;
using Shop.ServiceDefaults.Auth;
using Shop.TestSupport;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.WarmUp;

/// <summary>What a service does at start so that its first requests are not compiled on a customer's time.</summary>
public sealed class TokenValidationWarmUpTests
{
    [Theory]
    [InlineData("Auth:Authority", "https://cognito-idp.eu-west-1.amazonaws.com/pool")]
    [InlineData("Auth:SigningKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task The_warm_up_token_passes_the_services_own_validation_settings(string setting, string value)
    {
        var log = new HostLog(LogLevel.Warning);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value, ["Auth:Audience"] = "shop" });
        builder.Logging.ClearProviders().AddProvider(log);
        builder.AddShopAuthentication();
        await using var app = builder.Build();

        var warmUp = app.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "TokenValidationWarmUp");
        await warmUp.StartAsync(TestContext.Current.CancellationToken);

        log.Entries.ShouldBeEmpty();
    }
}

public sealed class DatabaseWarmUpTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_is_read_for_no_row_when_the_host_starts()
    {
        var log = new HostLog(LogLevel.Information);
        using var host = Build(await postgres.CreateDatabaseAsync("warm_up"), log);
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.EnsureCreatedAsync(Ct);
        }

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        log.Entries.ShouldContain(entry => entry.Contains("FROM notes", StringComparison.Ordinal) && entry.Contains("WHERE FALSE", StringComparison.Ordinal));
        log.Entries.ShouldNotContain(entry => entry.Contains("not warmed up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_that_refuses_connections_leaves_the_start_going_with_a_warning()
    {
        var log = new HostLog(LogLevel.Warning);
        // Port 1 on the loopback refuses at once; nothing listens there.
        using var host = Build("Host=127.0.0.1;Port=1;Database=notes;Timeout=2", log);

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        log.Entries.ShouldContain(entry => entry.StartsWith("NotesDbContext: not warmed up at start", StringComparison.Ordinal));
    }

    private static IHost Build(string connectionString, HostLog log)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Notes"] = connectionString });
        builder.Logging.ClearProviders().AddProvider(log);
        builder.AddPostgresDbContext<NotesDbContext>("Notes");
        return builder.Build();
    }

    private sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }

    private sealed record Note(int Id, string Text);
}

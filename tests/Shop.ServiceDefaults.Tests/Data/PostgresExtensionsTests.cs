using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Data;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Data;

public sealed class PostgresExtensionsTests
{
    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("Host=db;NoSuchKeyword=1", "is not a valid PostgreSQL connection string")]
    public void A_missing_or_malformed_connection_string_stops_the_start_naming_the_setting(string? connectionString, string problem)
    {
        var error = Should.Throw<OptionsValidationException>(() => Validate(connectionString));

        error.Message.ShouldContain("ConnectionStrings__Notes");
        error.Message.ShouldContain(problem);
    }

    [Fact]
    public void The_context_uses_the_configured_connection_string()
    {
        using var host = Build("Host=db.example;Database=notes");
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<NotesDbContext>().Database.GetConnectionString().ShouldBe("Host=db.example;Database=notes");
    }

    private static void Validate(string? connectionString)
    {
        using var host = Build(connectionString);
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static IHost Build(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Notes"] = connectionString });
        builder.AddPostgresDbContext<NotesDbContext>("Notes");
        return builder.Build();
    }

    private sealed class NotesDbContext(DbContextOptions<NotesDbContext> options) : DbContext(options);
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.LocalServers;
using Shop.TestSupport;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Shop.Catalog.Tests;

/// <summary>The catalog service in-process over its own fresh, migrated and seeded PostgreSQL database.</summary>
public sealed class CatalogApp(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly TokenIssuer _tokens = TokenIssuer.WithRandomKey();
    private WebApplicationFactory<Program>? _factory;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateDatabaseAsync("catalog_tests");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Catalog", ConnectionString)
            .UseSetting("Database:Migrate", "true")
            .UseSetting("Auth:SigningKey", _tokens.SigningKey)
            .UseSetting("Auth:Issuer", TokenIssuer.Issuer)
            .UseSetting("Auth:Audience", TokenIssuer.Audience));
        _ = _factory.Server;
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public IServiceProvider Services => Factory.Services;

    public HttpClient As(string subject, params string[] roles)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.CreateToken(subject, roles));
        return client;
    }

    public HttpClient Admin() => As("admin-user", "admin");

    /// <summary>A client sending <paramref name="token"/> as it is.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token of <paramref name="kind"/> that would grant <paramref name="roles"/> if it were valid.</summary>
    public string BadToken(BadToken kind, params string[] roles) =>
        BadTokens.Create(kind, _tokens.Credentials, TokenIssuer.Issuer, TokenIssuer.Audience, roles);

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private WebApplicationFactory<Program> Factory =>
        _factory ?? throw new InvalidOperationException("CatalogApp is not initialized.");
}

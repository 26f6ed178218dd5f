using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Shop.Gateway.Tests;

/// <summary><c>Auth:DevIssuer:SigningKeyFile</c>: the development issuer signs with the key in that PEM file.</summary>
public sealed class PinnedSigningKeyTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dev-key-{Guid.NewGuid():N}.pem");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_gateways_given_the_same_key_file_publish_the_same_key()
    {
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(_keyFile, rsa.ExportPkcs8PrivateKeyPem(), Ct);
        }

        var first = await JwksAsync();
        var second = await JwksAsync();

        second.ShouldBe(first);
        first.ShouldContain("\"kid\"");
    }

    [Fact]
    public async Task A_key_file_that_holds_no_rsa_private_key_stops_the_gateway_at_start()
    {
        await File.WriteAllTextAsync(_keyFile, "not a key", Ct);
        await using var gateway = Gateway();

        var failure = Should.Throw<OptionsValidationException>(() => gateway.CreateClient());

        failure.Message.ShouldContain("Auth:DevIssuer:SigningKeyFile");
    }

    public void Dispose() => File.Delete(_keyFile);

    private async Task<string> JwksAsync()
    {
        await using var gateway = Gateway();
        var jwks = await gateway.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json", Ct);
        return jwks.GetRawText();
    }

    private WebApplicationFactory<Program> Gateway() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("Auth:Authority", "http://127.0.0.1:1/")
            .UseSetting("Auth:DevIssuer:SigningKeyFile", _keyFile));
}

using Aspire.Hosting.Testing;
using Shop.AppHost;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class AppHostSettingsTests
{
    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task A_signing_key_that_is_not_base64_of_32_bytes_stops_the_AppHost_naming_the_setting(string key)
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
                [$"--Parameters:{DevelopmentAuth.SigningKeyParameter}={key}"],
                TestContext.Current.CancellationToken));

        failure.Message.ShouldContain($"Parameters:{DevelopmentAuth.SigningKeyParameter}");
    }
}

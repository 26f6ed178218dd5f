using System.Net;
using Microsoft.Extensions.Configuration;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Gateway.Tests;

public sealed class ApiDocsTests(KestrelGateway gateway) : IClassFixture<KestrelGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_docs_page_lists_the_gateways_document_and_one_per_service()
    {
        var page = await gateway.Client().GetStringAsync("/docs/", Ct);

        page.ShouldContain("\"url\":\"openapi/v1.json\"");
        foreach (var service in Services())
        {
            page.ShouldContain($"\"url\":\"openapi/{service}.json\"");
        }
    }

    [Fact]
    public async Task Each_services_document_is_its_own_openapi_v1_read_through_the_gateway_anonymously()
    {
        foreach (var service in Services())
        {
            gateway.Configuration[$"ReverseProxy:Routes:{service}-openapi:ClusterId"].ShouldBe(service);
        }

        gateway.Catalog.Requests.Clear();
        var response = await gateway.Client().GetAsync("/openapi/catalog.json", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        gateway.Catalog.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe("/openapi/v1.json");
    }

    [Fact]
    public async Task The_gateways_own_document_passes_spectral_oas_without_a_single_finding()
    {
        var document = await gateway.Client().GetStringAsync("/openapi/v1.json", Ct);

        document.ShouldContain("/dev/token");
        (await Spectral.LintAsync(document, Ct)).ShouldBeEmpty();
    }

    private IEnumerable<string> Services() => gateway.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(cluster => cluster.Key);
}

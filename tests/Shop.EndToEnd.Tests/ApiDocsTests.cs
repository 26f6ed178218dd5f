using System.Text.Json;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class ApiDocsTests(RunningShop shop)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Through_the_gateway_the_catalog_document_lists_every_operation_and_passes_spectral()
    {
        var json = await shop.Anonymous().GetStringAsync("/openapi/catalog.json", Ct);
        using var document = JsonDocument.Parse(json);

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value.GetProperty("operationId").GetString()))
            .ToHashSet();
        operations.ShouldBe(["ListProducts", "GetProduct", "ListCategories", "CreateProduct", "UpdateProduct"], ignoreOrder: true);
        document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe("/");
        (await Spectral.LintAsync(json, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_docs_page_offers_the_catalog_and_the_token_endpoint()
    {
        var page = await shop.Anonymous().GetStringAsync("/docs/", Ct);
        page.ShouldContain("openapi/catalog.json");

        var gatewayDocument = await shop.Anonymous().GetStringAsync("/openapi/v1.json", Ct);
        gatewayDocument.ShouldContain("\"/dev/token\"");
    }
}

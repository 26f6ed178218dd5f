using System.Text.Json;
using Shop.TestSupport;
using Shouldly;

namespace Shop.EndToEnd.Tests;

public sealed class ApiDocsTests(RunningShop shop)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("catalog", "ListProducts,GetProduct,ListCategories,CreateProduct,UpdateProduct")]
    [InlineData("basket", "GetBasket,SetItem,RemoveItem")]
    [InlineData("ordering", "PlaceOrder,ListOrders,GetOrder,CancelOrder")]
    [InlineData("payment", "GetPayment")]
    [InlineData("notification", "ListNotifications")]
    public async Task Through_the_gateway_each_service_document_lists_every_operation_and_passes_spectral(string service, string operationIds)
    {
        var json = await shop.Anonymous().GetStringAsync($"/openapi/{service}.json", Ct);
        using var document = JsonDocument.Parse(json);

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value.GetProperty("operationId").GetString()))
            .ToHashSet();
        operations.ShouldBe(operationIds.Split(','), ignoreOrder: true);
        document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe("/");
        (await Spectral.LintAsync(json, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_docs_page_offers_every_service_and_the_token_endpoint()
    {
        var page = await shop.Anonymous().GetStringAsync("/docs/", Ct);
        foreach (var service in new[] { "catalog", "basket", "ordering", "payment", "notification" })
        {
            page.ShouldContain($"openapi/{service}.json");
        }

        var gatewayDocument = await shop.Anonymous().GetStringAsync("/openapi/v1.json", Ct);
        gatewayDocument.ShouldContain("\"/dev/token\"");
    }
}

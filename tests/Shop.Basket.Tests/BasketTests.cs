using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Shop.Basket.Apis;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Basket.Tests;

public sealed class BasketTests(BasketApp app) : IClassFixture<BasketApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_fills_changes_and_empties_their_basket()
    {
        var customer = app.As(NewCustomer());

        (await PutAsync(customer, CatalogStandIn.Beans, 2)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PutAsync(customer, CatalogStandIn.Papers, 1)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PutAsync(customer, CatalogStandIn.Beans, 5)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var basket = await customer.GetFromJsonAsync<BasketDto>("/api/basket", Ct);
        basket!.Items.ShouldBe([new BasketItemDto(CatalogStandIn.Papers, "Filter papers", 1, 4.25m, "USD"), new BasketItemDto(CatalogStandIn.Beans, "Espresso beans", 5, 9.50m, "USD")]);

        (await customer.DeleteAsync($"/api/basket/items/{CatalogStandIn.Beans}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.DeleteAsync("/api/basket/items/12345", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await customer.GetFromJsonAsync<BasketDto>("/api/basket", Ct))!.Items.ShouldHaveSingleItem().ProductId.ShouldBe(CatalogStandIn.Papers);
    }

    [Theory]
    [InlineData(999, 1, "productId")]
    [InlineData(0, 1, "productId")]
    [InlineData(21, 0, "quantity")]
    [InlineData(21, 100, "quantity")]
    public async Task Bad_items_are_a_400_naming_the_field_and_change_nothing(int productId, int quantity, string field)
    {
        var customer = app.As(NewCustomer());

        using var response = await PutAsync(customer, productId, quantity);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.ShouldContainKey(field);
        (await customer.GetFromJsonAsync<BasketDto>("/api/basket", Ct))!.Items.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    public async Task Removing_a_product_id_that_cannot_exist_is_a_400_naming_productId(int productId)
    {
        var customer = app.As(NewCustomer());

        using var response = await customer.DeleteAsync($"/api/basket/items/{productId}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.ShouldContainKey("productId");
    }

    [Fact]
    public async Task Baskets_are_private_and_need_a_token()
    {
        var alice = app.As(NewCustomer());
        await PutAsync(alice, CatalogStandIn.Beans, 1);

        (await app.As(NewCustomer()).GetFromJsonAsync<BasketDto>("/api/basket", Ct))!.Items.ShouldBeEmpty();
        (await app.Anonymous().GetAsync("/api/basket", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_order_takes_out_what_was_ordered_once_and_leaves_what_was_added_meanwhile()
    {
        var customerId = NewCustomer();
        var customer = app.As(customerId);
        await PutAsync(customer, CatalogStandIn.Beans, 2);
        var placed = new OrderPlaced(Guid.NewGuid(), customerId, [new OrderLine(CatalogStandIn.Beans, 2)]);
        await PutAsync(customer, CatalogStandIn.Papers, 1);
        var eventId = Guid.NewGuid();

        await app.Queues.SendAsync(ShopTopology.BasketQueue.Name, placed, eventId);
        await Poll.UntilAsync(() => app.Queues.DepthAsync(ShopTopology.BasketQueue.Name), depth => depth == 0, TimeSpan.FromSeconds(20), "the order to be handled");
        await PutAsync(customer, CatalogStandIn.Beans, 3);
        await app.Queues.SendAsync(ShopTopology.BasketQueue.Name, placed, eventId);
        await Poll.UntilAsync(() => app.Queues.DepthAsync(ShopTopology.BasketQueue.Name), depth => depth == 0, TimeSpan.FromSeconds(20), "the redelivery");

        var basket = await customer.GetFromJsonAsync<BasketDto>("/api/basket", Ct);
        basket!.Items.Select(i => (i.ProductId, i.Quantity)).ShouldBe([(CatalogStandIn.Papers, 1), (CatalogStandIn.Beans, 3)]);
    }

    [Fact]
    public async Task While_catalog_is_down_adding_is_a_503_and_the_basket_is_unchanged()
    {
        var customer = app.As(NewCustomer());
        await PutAsync(customer, CatalogStandIn.Beans, 1);

        await app.Catalog.StopAsync();
        try
        {
            using var response = await PutAsync(customer, CatalogStandIn.Papers, 1);

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Title.ShouldBe("Catalog is unavailable");
            (await customer.GetFromJsonAsync<BasketDto>("/api/basket", Ct))!.Items.ShouldHaveSingleItem().ProductId.ShouldBe(CatalogStandIn.Beans);
        }
        finally
        {
            await app.Catalog.StartAsync();
        }
    }

    private static string NewCustomer() => "customer-" + Guid.NewGuid().ToString("N");

    private static Task<HttpResponseMessage> PutAsync(HttpClient customer, int productId, int quantity) =>
        customer.PutAsJsonAsync("/api/basket/items", new { productId, quantity }, Ct);
}

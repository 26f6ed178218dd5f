using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Ordering.Apis;
using Shouldly;
using static Shop.Ordering.Tests.Apis.OrderRequests;

namespace Shop.Ordering.Tests.Apis;

public sealed class PlaceOrderTests(OrderingApp app) : IClassFixture<OrderingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_placed_order_is_pending_at_its_location_and_published_for_catalog()
    {
        var customer = app.As("place-" + NewKey());

        using var response = await customer.PlaceAsync(NewKey(), Body((21, 2), (7, 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = (await response.Content.ReadFromJsonAsync<OrderDto>(Ct))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/orders/{order.Id}");
        order.Status.ShouldBe("Pending");
        order.Items.Select(i => (i.ProductId, i.Quantity)).ShouldBe([(21, 2), (7, 1)]);
        order.Total.ShouldBeNull();

        var published = await app.Queues.CollectAsync<OrderPlaced>(ShopTopology.CatalogQueue.Name, e => e.OrderId == order.Id, TimeSpan.FromSeconds(20));
        published.ShouldHaveSingleItem().Lines.ShouldBe([new OrderLine(21, 2), new OrderLine(7, 1)]);
    }

    [Fact]
    public async Task The_same_key_and_body_answers_the_same_order()
    {
        var customer = app.As("replay-" + NewKey());
        var key = NewKey();

        var first = await (await customer.PlaceAsync(key, Body((21, 2)))).Content.ReadFromJsonAsync<OrderDto>(Ct);
        using var again = await customer.PlaceAsync(key, Body((21, 2)));

        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadFromJsonAsync<OrderDto>(Ct))!.Id.ShouldBe(first!.Id);
        (await MyOrdersAsync(customer)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_changes_nothing()
    {
        var customer = app.As("misuse-" + NewKey());
        var key = NewKey();
        (await customer.PlaceAsync(key, Body((21, 2)))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await customer.PlaceAsync(key, Body((21, 3)));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.ShouldContainKey("Idempotency-Key");
        (await MyOrdersAsync(customer)).ShouldBe(1);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_make_one_order()
    {
        var customer = app.As("burst-" + NewKey());
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => customer.PlaceAsync(key, Body((21, 1)))));

        responses.Select(r => r.StatusCode).Distinct().ShouldBe([HttpStatusCode.Created]);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<OrderDto>(Ct))!.Id));
        ids.Distinct().ShouldHaveSingleItem();
        (await MyOrdersAsync(customer)).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_belong_to_their_customer()
    {
        var key = NewKey();

        var alices = await (await app.As("alice-" + key).PlaceAsync(key, Body((21, 1)))).Content.ReadFromJsonAsync<OrderDto>(Ct);
        var bobs = await (await app.As("bob-" + key).PlaceAsync(key, Body((21, 1)))).Content.ReadFromJsonAsync<OrderDto>(Ct);

        bobs!.Id.ShouldNotBe(alices!.Id);
    }

    [Fact]
    public async Task A_missing_idempotency_key_is_a_400_naming_it()
    {
        var customer = app.As("nokey-" + NewKey());

        using var response = await customer.PlaceAsync(null, Body((21, 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.ShouldContainKey("Idempotency-Key");
        (await MyOrdersAsync(customer)).ShouldBe(0);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items" },
        { """{"items":[],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items" },
        { """{"items":[{"productId":21,"quantity":0}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[0].quantity" },
        { """{"items":[{"productId":21,"quantity":100}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[0].quantity" },
        { """{"items":[{"productId":21,"quantity":1},{"productId":21,"quantity":2}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[1].productId" },
        { """{"items":[{"productId":-4,"quantity":1}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[0].productId" },
        { """{"items":[null],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[0]" },
        { """{"items":[{"productId":21,"quantity":1}]}""", "shippingAddress" },
        { """{"items":[{"productId":21,"quantity":1}],"shippingAddress":{"line1":" ","city":"b","postalCode":"c","country":"US"}}""", "shippingAddress.line1" },
        { """{"items":[{"productId":21,"quantity":1}],"shippingAddress":{"line1":"a\u0007","city":"b","postalCode":"c","country":"US"}}""", "shippingAddress.line1" },
        { """{"items":[{"productId":21,"quantity":1}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"usa"}}""", "shippingAddress.country" },
        { """{"items":[{"productId":21,"quantity":99999999999999999999}],"shippingAddress":{"line1":"a","city":"b","postalCode":"c","country":"US"}}""", "items[0].quantity" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var customer = app.As("bad-" + NewKey());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", NewKey());

        using var response = await customer.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.ShouldContain(field);
        (await MyOrdersAsync(customer)).ShouldBe(0);
    }

    [Fact]
    public async Task More_than_fifty_lines_is_a_400()
    {
        var customer = app.As("big-" + NewKey());

        using var response = await customer.PlaceAsync(NewKey(), Body([.. Enumerable.Range(1, 51).Select(id => (id, 1))]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.ShouldContainKey("items");
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        using var response = await app.Anonymous().PlaceAsync(NewKey(), Body((21, 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<int> MyOrdersAsync(HttpClient customer) =>
        (await customer.GetFromJsonAsync<Shop.ServiceDefaults.Paging.PagedResult<OrderDto>>("/api/orders", Ct))!.TotalCount;
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Shop.ServiceDefaults.Errors;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Errors;

/// <summary>Binding failures of real minimal-API endpoints answer a ProblemDetails naming the field, whatever words the framework uses.</summary>
public sealed class BadRequestExceptionHandlerTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddShopProblemDetails();
        _app = builder.Build();
        _app.UseShopProblemDetails();
        _app.MapGet("/items/{id}", (int id, int pageSize, [FromQuery(Name = "order")] Guid? orderId, int page = 1) => TypedResults.Ok(id));
        _app.MapGet("/kinds/{kind}", (DayOfWeek kind, [FromHeader(Name = "X-Count")] int? count) => TypedResults.Ok(kind));
        _app.MapPost("/items", (Item item) => TypedResults.Ok(item));
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    [Theory]
    [InlineData("/items/abc?pageSize=5", "id", "The value 'abc' is not a valid integer.")]
    [InlineData("/items/1?pageSize=5&page=x", "page", "The value 'x' is not a valid integer.")]
    [InlineData("/items/1?pageSize=ten", "pageSize", "The value 'ten' is not a valid integer.")]
    [InlineData("/items/1?pageSize=5&order=1", "order", "The value '1' is not a valid identifier (UUID).")]
    [InlineData("/items/1", "pageSize", "The pageSize parameter is required.")]
    [InlineData("/items/99999999999?pageSize=5", "id", "The value '99999999999' is not a valid integer.")]
    [InlineData("/kinds/someday", "kind", "The value 'someday' is not a valid DayOfWeek.")]
    public async Task A_route_or_query_value_that_does_not_bind_is_named(string url, string field, string message)
    {
        var response = await _client.GetAsync(url, Ct);

        var error = (await ErrorsOf(response, HttpStatusCode.BadRequest)).ShouldHaveSingleItem();
        error.Key.ShouldBe(field);
        error.Value.ShouldBe([message]);
    }

    [Fact]
    public async Task A_header_value_that_does_not_bind_is_named_as_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/kinds/monday") { Headers = { { "X-Count", "many" } } };

        var response = await _client.SendAsync(request, Ct);

        (await ErrorsOf(response, HttpStatusCode.BadRequest)).Keys.ShouldBe(["X-Count"]);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("""{"price":"cheap"}""", "price")]
    [InlineData("""{"price":1,"lines":[{"quantity":"x"}]}""", "lines[0].quantity")]
    [InlineData("", "body")]
    public async Task A_body_that_does_not_bind_is_named_by_its_json_path(string body, string field)
    {
        var response = await _client.PostAsync("/items", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        (await ErrorsOf(response, HttpStatusCode.BadRequest)).Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_naming_the_body()
    {
        var response = await _client.PostAsync("/items", new StringContent("price=1", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        (await ErrorsOf(response, HttpStatusCode.UnsupportedMediaType)).Keys.ShouldBe(["body"]);
    }

    [Fact]
    public async Task A_request_that_binds_is_answered_by_the_endpoint()
    {
        var response = await _client.GetAsync($"/items/7?pageSize=5&order={Guid.NewGuid()}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsOf(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    public sealed record Item(decimal Price, IReadOnlyList<Line>? Lines);

    public sealed record Line(int Quantity);
}

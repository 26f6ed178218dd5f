using System.Net;
using System.Net.Http.Json;
using Shop.Catalog.Apis;
using Shop.ServiceDefaults.Paging;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

public sealed class ProductQueryTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_holds_the_requested_number_of_products_and_the_total_count()
    {
        var page = await app.Anonymous().GetFromJsonAsync<PagedResult<ProductDto>>("/api/catalog/products?pageSize=5", Ct);

        page!.Items.Select(p => p.Id).ShouldBe([1, 2, 3, 4, 5]);
        page.TotalCount.ShouldBe(100);
        page.Page.ShouldBe(1);
        page.PageSize.ShouldBe(5);
    }

    [Fact]
    public async Task Pages_follow_each_other_in_a_stable_order()
    {
        var client = app.Anonymous();
        var first = await client.GetFromJsonAsync<PagedResult<ProductDto>>("/api/catalog/products?page=1&pageSize=30", Ct);
        var second = await client.GetFromJsonAsync<PagedResult<ProductDto>>("/api/catalog/products?page=2&pageSize=30", Ct);

        first!.Items.Concat(second!.Items).Select(p => p.Id).ShouldBe(Enumerable.Range(1, 60));
    }

    [Fact]
    public async Task Category_and_search_filter_together_and_count_only_matches()
    {
        var page = await app.Anonymous().GetFromJsonAsync<PagedResult<ProductDto>>("/api/catalog/products?category=tea&q=earl%20grey", Ct);

        page!.Items.Select(p => p.Name).ShouldBe(["Earl Grey (Standard)", "Earl Grey (Large)"]);
        page.TotalCount.ShouldBe(2);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_text()
    {
        var page = await app.Anonymous().GetFromJsonAsync<PagedResult<ProductDto>>("/api/catalog/products?q=%25", Ct);

        page!.TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Categories_are_listed_with_their_product_counts()
    {
        var categories = await app.Anonymous().GetFromJsonAsync<List<CategoryDto>>("/api/catalog/categories", Ct);

        categories.ShouldNotBeNull();
        categories.Select(c => c.Name).ShouldBe(["Books", "Coffee", "Kitchen", "Outdoor", "Tea"]);
        categories.ShouldAllBe(c => c.ProductCount == 20);
    }

    [Fact]
    public async Task A_product_is_read_by_id()
    {
        var product = await app.Anonymous().GetFromJsonAsync<ProductDto>("/api/catalog/products/21", Ct);

        product.ShouldBe(new ProductDto(21, "Earl Grey (Standard)", "Earl Grey, standard tin, from our tea range.", "Tea", 6.25m, "USD", 40));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task A_bad_paging_parameter_is_a_400_naming_it(string query, string field)
    {
        var response = await app.Anonymous().GetAsync($"/api/catalog/products?{query}", Ct);

        await response.ShouldBeProblemNaming(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_non_numeric_id_is_a_400_naming_id()
    {
        var response = await app.Anonymous().GetAsync("/api/catalog/products/abc", Ct);

        await response.ShouldBeProblemNaming(HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_naming_id()
    {
        var response = await app.Anonymous().GetAsync("/api/catalog/products/99999", Ct);

        await response.ShouldBeProblemNaming(HttpStatusCode.NotFound, "id");
    }
}

using Shop.Catalog.Apis;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

public sealed class ProductValidationTests
{
    private static readonly ProductRequest Valid = new("Mug", "A mug.", "Kitchen", 4.50m, "USD", 10);

    [Fact]
    public void A_complete_request_has_no_errors() => ProductValidation.Validate(Valid).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(1000)]
    public void Page_size_outside_1_to_100_is_an_error_on_pageSize(int pageSize) =>
        ProductValidation.ValidateQuery(1, pageSize, null, null).Keys.ShouldBe(["pageSize"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Page_below_1_is_an_error_on_page(int page) =>
        ProductValidation.ValidateQuery(page, 20, null, null).Keys.ShouldBe(["page"]);

    [Fact]
    public void An_overlong_search_is_an_error_on_q() =>
        ProductValidation.ValidateQuery(1, 20, new string('x', 201), null).Keys.ShouldBe(["q"]);

    [Fact]
    public void A_search_or_category_that_is_not_plain_text_is_an_error_on_it()
    {
        // In code, not in attributes: an attribute's string cannot hold an unpaired surrogate.
        foreach (var text in new[] { "a\u0000b", "\u001b[31m", "a\ud800" })
        {
            ProductValidation.ValidateQuery(1, 20, text, null).Keys.ShouldBe(["q"]);
            ProductValidation.ValidateQuery(1, 20, null, text).Keys.ShouldBe(["category"]);
        }
    }

    [Theory]
    [InlineData("name")]
    [InlineData("category")]
    [InlineData("description")]
    public void Control_characters_and_unpaired_surrogates_are_errors_on_the_field(string field)
    {
        foreach (var text in new[] { "a\u0000b", "a\u0007", "a\udc00b", "\u0085" })
        {
            var request = field switch
            {
                "name" => Valid with { Name = text },
                "category" => Valid with { Category = text },
                _ => Valid with { Description = text },
            };
            ProductValidation.Validate(request).Keys.ShouldBe([field], ignoreOrder: false, customMessage: $"'{text}' in {field}");
        }
    }

    [Fact]
    public void A_description_may_have_line_breaks_and_tabs_and_any_script() =>
        ProductValidation.Validate(Valid with { Description = "Line one\r\nline two\twith a tab, ü, 漢字, 🙂" }).ShouldBeEmpty();

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1.005)]
    public void Price_must_be_positive_with_cents_at_most(double price) =>
        ProductValidation.Validate(Valid with { Price = (decimal)price }).Keys.ShouldBe(["price"]);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Name_must_not_be_blank(string? name) =>
        ProductValidation.Validate(Valid with { Name = name }).Keys.ShouldBe(["name"]);

    [Theory]
    [InlineData("usd")]
    [InlineData("DOLLARS")]
    [InlineData(null)]
    public void Currency_must_be_an_iso_code(string? currency) =>
        ProductValidation.Validate(Valid with { Currency = currency }).Keys.ShouldBe(["currency"]);

    [Fact]
    public void Negative_stock_is_an_error_on_availableStock() =>
        ProductValidation.Validate(Valid with { AvailableStock = -1 }).Keys.ShouldBe(["availableStock"]);

    [Fact]
    public void Every_missing_field_is_named()
    {
        var errors = ProductValidation.Validate(new ProductRequest(null, null, null, null, null, null));

        errors.Keys.ShouldBe(["name", "category", "description", "price", "currency", "availableStock"], ignoreOrder: true);
    }
}

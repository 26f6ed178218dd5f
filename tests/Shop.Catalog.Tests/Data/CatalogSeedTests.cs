using Shop.Catalog.Data;
using Shouldly;

namespace Shop.Catalog.Tests.Data;

public sealed class CatalogSeedTests
{
    [Fact]
    public void Seed_has_100_products_in_5_categories_of_20() =>
        CatalogSeed.Products.GroupBy(p => p.Category).Select(g => g.Count()).ShouldBe([20, 20, 20, 20, 20]);

    [Fact]
    public void Seed_names_are_unique() =>
        CatalogSeed.Products.Select(p => p.Name).Distinct().Count().ShouldBe(100);

    [Fact]
    public void Seed_prices_and_stock_are_valid() =>
        CatalogSeed.Products.ShouldAllBe(p => p.Price > 0 && decimal.Round(p.Price, 2) == p.Price && p.AvailableStock > 0);
}

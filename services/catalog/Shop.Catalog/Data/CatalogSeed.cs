using Shop.Catalog.Domain;

namespace Shop.Catalog.Data;

/// <summary>
/// The deterministic starting catalogue: 100 products, 20 in each of 5 categories, ids 1..100 in this order.
/// The SeedProducts migration inserts it, so it is frozen: change the catalogue with a new migration, not here.
/// </summary>
public static class CatalogSeed
{
    private static readonly (string Category, string Unit, decimal BasePrice, string[] Items)[] Lines =
    [
        ("Coffee", "bag", 9.50m,
            ["Espresso Roast", "Breakfast Blend", "Colombian Supremo", "Ethiopian Yirgacheffe", "Sumatra Mandheling",
             "Guatemala Antigua", "Kenya AA", "House Decaf", "French Roast", "Costa Rica Tarrazu"]),
        ("Tea", "tin", 6.25m,
            ["Earl Grey", "English Breakfast", "Sencha Green", "Jasmine Pearls", "Darjeeling First Flush",
             "Assam Gold", "Rooibos Vanilla", "Peppermint Leaf", "Chamomile Blossom", "Oolong Tieguanyin"]),
        ("Kitchen", "set", 14.00m,
            ["Pour-Over Dripper", "Burr Grinder", "Gooseneck Kettle", "French Press", "Milk Frother",
             "Ceramic Mug", "Glass Teapot", "Digital Scale", "Cold Brew Jar", "Tea Infuser"]),
        ("Books", "edition", 12.75m,
            ["The Coffee Atlas", "Tea: A Field Guide", "Brewing at Home", "The Roaster's Notebook", "Leaves and Water",
             "Espresso Science", "The Cafe Cookbook", "Origins of Flavor", "Barista Basics", "Steeped in History"]),
        ("Outdoor", "kit", 19.90m,
            ["Camp Percolator", "Insulated Flask", "Travel Press", "Enamel Cup", "Portable Grinder",
             "Trail Stove", "Thermal Carafe", "Collapsible Dripper", "Picnic Tea Set", "Canteen Bottle"]),
    ];

    private static readonly (string Name, decimal PriceFactor)[] Sizes = [("Standard", 1.00m), ("Large", 1.80m)];

    public static IReadOnlyList<Product> Products { get; } = Build();

    private static List<Product> Build()
    {
        var products = new List<Product>(100);
        foreach (var (category, unit, basePrice, items) in Lines)
        {
            for (var i = 0; i < items.Length; i++)
            {
                foreach (var (size, factor) in Sizes)
                {
                    var n = products.Count;
                    var price = decimal.Round((basePrice + i * 1.15m) * factor, 2);
                    var stock = 20 + (n * 37 % 180);
                    products.Add(new Product(
                        $"{items[i]} ({size})",
                        $"{items[i]}, {size.ToLowerInvariant()} {unit}, from our {category.ToLowerInvariant()} range.",
                        category,
                        price,
                        "USD",
                        stock));
                }
            }
        }

        return products;
    }
}

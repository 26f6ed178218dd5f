using Shop.Catalog.Domain;

namespace Shop.Catalog.Data;

public static class ProductQueries
{
    /// <summary>Products of <paramref name="category"/>, ignoring case: the column's collation compares, so its index serves the query.</summary>
    public static IQueryable<Product> InCategory(this IQueryable<Product> products, string category)
    {
        var name = category.Trim();
        return products.Where(p => p.Category == name);
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Data;
using Shop.Catalog.Domain;

namespace Shop.Catalog.Stock;

public static class StockLocks
{
    /// <summary>
    /// Loads the products for update, locked until the transaction ends, in id order so that two orders locking
    /// overlapping products cannot deadlock. Another replica reserving the same product waits here, then sees the
    /// stock as this transaction left it: no overselling however many catalogs run. (<c>*</c> leaves out system
    /// columns: <c>xmin</c>, the product's concurrency token, is named.)
    /// </summary>
    public static Task<List<Product>> LockProductsAsync(this CatalogDbContext db, IEnumerable<int> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().Order().ToArray();
        return db.Products
            .FromSql($"SELECT *, xmin FROM catalog.products WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
    }
}

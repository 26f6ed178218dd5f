using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Domain;

namespace Shop.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Product> Products => Set<Product>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("catalog");

        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).UseIdentityByDefaultColumn();
            product.Property(p => p.Name).HasMaxLength(ProductLimits.NameLength).IsRequired();
            product.Property(p => p.Description).HasMaxLength(ProductLimits.DescriptionLength).IsRequired();
            product.Property(p => p.Category).HasMaxLength(ProductLimits.CategoryLength).IsRequired();
            product.Property(p => p.Price).HasPrecision(12, 2);
            product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
            product.HasIndex(p => p.Category);
            product.ToTable(t => t.HasCheckConstraint("ck_products_price_positive", "price > 0"));
            product.ToTable(t => t.HasCheckConstraint("ck_products_stock_not_negative", "available_stock >= 0"));
        });
    }
}

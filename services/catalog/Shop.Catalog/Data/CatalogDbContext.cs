using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Domain;
using Shop.Messaging;
using Shop.Messaging.Postgres;

namespace Shop.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    /// <summary>
    /// Compares text ignoring case (ICU, strength 2): equality on a column with it is case-insensitive and can
    /// still use the column's B-tree index, which <c>lower(column) = ...</c> cannot. It lives in <c>public</c>
    /// because a column names its collation unqualified (Npgsql quotes a qualified name as one identifier), and
    /// <c>public</c> is on every default search path.
    /// </summary>
    public const string CaseInsensitive = "case_insensitive";

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("catalog");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.HasCollation("public", CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);

        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).UseIdentityByDefaultColumn();
            product.Property(p => p.Name).HasMaxLength(ProductLimits.NameLength).IsRequired();
            product.Property(p => p.Description).HasMaxLength(ProductLimits.DescriptionLength).IsRequired();
            product.Property(p => p.Category).HasMaxLength(ProductLimits.CategoryLength).IsRequired().UseCollation(CaseInsensitive);
            product.Property(p => p.Price).HasPrecision(12, 2);
            product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
            product.HasIndex(p => p.Category);
            product.ToTable(t => t.HasCheckConstraint("ck_products_price_positive", "price > 0"));
            product.ToTable(t => t.HasCheckConstraint("ck_products_stock_not_negative", "available_stock >= 0"));

            // xmin: an admin's replace of a product that a reservation changed meanwhile fails (409) instead of
            // overwriting the reserved stock.
            product.Property<uint>("Version").IsRowVersion();
        });

        modelBuilder.Entity<Reservation>(reservation =>
        {
            reservation.HasKey(r => r.OrderId);
            reservation.Property(r => r.OrderId).ValueGeneratedNever();
            reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);

            // xmin: two cancellations of one order handled at once cannot both release; the second commit fails and
            // its redelivery finds the reservation released.
            reservation.Property<uint>("Version").IsRowVersion();
            reservation.OwnsMany(r => r.Lines, line =>
            {
                line.ToTable("reservation_lines");
                line.WithOwner().HasForeignKey("OrderId");
                line.HasKey("OrderId", nameof(ReservationLine.ProductId));
                line.Property(l => l.ProductId).ValueGeneratedNever();
            });
            reservation.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Ordering.Domain;

namespace Shop.Ordering.Data;

public sealed class OrderingDbContext(DbContextOptions<OrderingDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("ordering");
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            order.Property(o => o.CustomerId).HasMaxLength(OrderLimits.CustomerIdLength).IsRequired();
            order.Property(o => o.IdempotencyKey).HasMaxLength(OrderLimits.IdempotencyKeyLength).IsRequired();
            order.Property(o => o.RequestHash).HasMaxLength(64).IsFixedLength().IsRequired();
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Property(o => o.Total).HasPrecision(14, 2);
            order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
            order.Property(o => o.CancellationReason).HasMaxLength(40);

            // PostgreSQL's xmin: a concurrent change to the same order (a cancel racing a payment) fails one of them.
            order.Property<uint>("Version").IsRowVersion();

            order.OwnsOne(o => o.ShippingAddress, address =>
            {
                address.Property(a => a.Line1).HasMaxLength(OrderLimits.AddressLineLength).IsRequired();
                address.Property(a => a.City).HasMaxLength(OrderLimits.CityLength).IsRequired();
                address.Property(a => a.PostalCode).HasMaxLength(OrderLimits.PostalCodeLength).IsRequired();
                address.Property(a => a.Country).HasMaxLength(2).IsFixedLength().IsRequired();
            });
            order.Navigation(o => o.ShippingAddress).IsRequired();

            order.OwnsMany(o => o.Items, item =>
            {
                item.ToTable("order_items");
                item.WithOwner().HasForeignKey("OrderId");
                item.HasKey("OrderId", nameof(OrderItem.ProductId));
                item.Property(i => i.ProductId).ValueGeneratedNever();
                item.Property(i => i.Name).HasMaxLength(200);
                item.Property(i => i.UnitPrice).HasPrecision(12, 2);
            });
            order.Navigation(o => o.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field);

            // One order per customer and key: concurrent retries of one POST insert one row, the rest find it.
            order.HasIndex(o => new { o.CustomerId, o.IdempotencyKey }).IsUnique();
            order.HasIndex(o => new { o.CustomerId, o.CreatedAt });
            // The sweeper's query: unfinished orders by age.
            order.HasIndex(o => new { o.Status, o.UpdatedAt });
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Notification.Domain;

namespace Shop.Notification.Data;

public sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<CustomerNotification> Notifications => Set<CustomerNotification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("notification");
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<CustomerNotification>(notification =>
        {
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Id).ValueGeneratedNever();
            notification.Property(n => n.CustomerId).HasMaxLength(64).IsRequired();
            notification.Property(n => n.Kind).HasMaxLength(40).IsRequired();
            notification.Property(n => n.Message).HasMaxLength(500).IsRequired();
            // Once per order and kind, even if the same news arrives as two different events.
            notification.HasIndex(n => new { n.OrderId, n.Kind }).IsUnique();
            notification.HasIndex(n => new { n.CustomerId, n.CreatedAt });
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Payment.Domain;
using Shop.Payment.Processing;

namespace Shop.Payment.Data;

public sealed class PaymentDbContext(DbContextOptions<PaymentDbContext> options) : DbContext(options)
{
    public DbSet<OrderPayment> Payments => Set<OrderPayment>();

    /// <summary>The simulated processor's side (schema <c>processor</c>), written only by <see cref="SimulatedCardProcessor"/>.</summary>
    public DbSet<ProcessorCharge> ProcessorCharges => Set<ProcessorCharge>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("payment");
        modelBuilder.AddOutboxAndInbox();

        modelBuilder.Entity<OrderPayment>(payment =>
        {
            // One payment per order, enforced by the database: a second charge cannot be recorded.
            payment.HasKey(p => p.OrderId);
            payment.Property(p => p.OrderId).ValueGeneratedNever();
            payment.HasIndex(p => p.PaymentId).IsUnique();
            payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            payment.Property(p => p.Amount).HasPrecision(14, 2);
            payment.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            payment.Property(p => p.DeclineReason).HasMaxLength(100);
            payment.Property<uint>("Version").IsRowVersion();
        });

        modelBuilder.Entity<ProcessorCharge>(charge =>
        {
            charge.ToTable("charges", "processor");
            charge.HasKey(c => c.OrderId);
            charge.Property(c => c.OrderId).ValueGeneratedNever();
            charge.Property(c => c.Amount).HasPrecision(14, 2);
            charge.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
            charge.Property(c => c.DeclineReason).HasMaxLength(100);
        });
    }
}

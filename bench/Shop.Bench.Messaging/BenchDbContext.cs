using Microsoft.EntityFrameworkCore;
using Shop.Messaging;
using Shop.Messaging.Postgres;

namespace Shop.Bench.Messaging;

/// <summary>A service's store in miniature: its outbox and inbox, and one table the consumer's handler writes to.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<AppliedOrder> AppliedOrders => Set<AppliedOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("bench");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<AppliedOrder>().HasKey(o => o.OrderId);
    }
}

/// <summary>What the consumer's handler records per OrderPlaced; <see cref="Applications"/> above 1 would mean a double effect.</summary>
public sealed class AppliedOrder
{
    public Guid OrderId { get; set; }

    public int Applications { get; set; }
}

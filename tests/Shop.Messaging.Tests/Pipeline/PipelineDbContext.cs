using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Postgres;

namespace Shop.Messaging.Tests.Pipeline;

/// <summary>A service's store in miniature: its outbox and inbox, and one table of effects to count.</summary>
public sealed class PipelineDbContext(DbContextOptions<PipelineDbContext> options) : DbContext(options)
{
    public DbSet<AppliedOrder> AppliedOrders => Set<AppliedOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("pipeline");
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<AppliedOrder>().HasKey(o => o.OrderId);
    }
}

/// <summary>The effect of OrderPlaced: a second application of the same event would make <see cref="Applications"/> 2.</summary>
public sealed class AppliedOrder
{
    public Guid OrderId { get; set; }

    public int Applications { get; set; }
}

using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Postgres;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Maps the outbox and inbox tables into a service's DbContext (call from OnModelCreating).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.Topic).HasMaxLength(200);
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.HasIndex(m => m.Sequence).IsUnique();
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.EventId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.Property(m => m.Type).HasMaxLength(200);
        });

        return modelBuilder;
    }
}

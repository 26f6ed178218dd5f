using Microsoft.EntityFrameworkCore;
using Shop.Notification.Data;

namespace Shop.Notification.Handlers;

/// <summary>Records a notification in the consumer's transaction, unless one of its kind exists for the order already.</summary>
public sealed class NotificationWriter(NotificationDbContext db, TimeProvider time)
{
    public Task WriteAsync(Guid orderId, string customerId, string kind, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO notification.notifications (id, customer_id, order_id, kind, message, created_at)
            VALUES ({Guid.CreateVersion7(now)}, {customerId}, {orderId}, {kind}, {message}, {now})
            ON CONFLICT (order_id, kind) DO NOTHING
            """,
            cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Messaging.Outbox;
using Shop.Ordering.Data;
using Shop.Ordering.Domain;

namespace Shop.Ordering.Sweeping;

/// <summary>
/// Cancels orders that made no progress within <see cref="OrderingOptions.OrderTimeout"/>. Safe with several
/// replicas: each batch locks its rows with <c>FOR UPDATE SKIP LOCKED</c>, so replicas take different orders, and a
/// saga event racing the sweep waits for the lock and then finds the order cancelled.
/// </summary>
public sealed class OrderTimeoutSweeper(
    IServiceScopeFactory scopes, IOptions<OrderingOptions> options, TimeProvider time, OrderingMetrics metrics, ILogger<OrderTimeoutSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SweepBatchAsync(stoppingToken) == options.Value.SweepBatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.SweepFailed(ex);
            }
        }
    }

    /// <summary>Cancels up to one batch of timed-out orders in one transaction; returns how many.</summary>
    public async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.OrderTimeout;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM ordering.orders
            WHERE status IN ('Pending', 'AwaitingPayment') AND updated_at < {cutoff}
            ORDER BY updated_at
            LIMIT {options.Value.SweepBatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var orders = await db.Orders.Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            if (order.TimeOut(now).Publish is { } cancelled)
            {
                outbox.Add(cancelled);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.TimedOut.Add(orders.Count);
        logger.TimedOut(orders.Count, cutoff);
        return orders.Count;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Relays committed outbox rows to SNS, ten per PublishBatch, oldest first. Rows are locked with
/// <c>FOR UPDATE SKIP LOCKED</c> for the length of one batch, so replicas never publish the same rows at once, and
/// deleted in the same transaction once SNS accepts them: a crash before that commit publishes them again
/// (consumers' inboxes absorb the duplicate), never loses them. A refused row waits with growing backoff, forever.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    OutboxSignal signal,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    public const int BatchSize = 10;

    /// <summary>The gauges need no fresher reading than this; at volume a read per batch would double the queries.</summary>
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(1);

    private OutboxBacklog _backlog;
    private DateTimeOffset _backlogReadAt = DateTimeOffset.MinValue;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveOutbox(() => _backlog);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var selected = 0;
            try
            {
                selected = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDispatchFailed(logger, ex);
            }

            if (selected < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch of due rows; returns how many rows it took (a full batch means: look again now).</summary>
    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var batch = await db.Set<OutboxMessage>()
            .FromSqlRaw(SelectDueSql(db), new NpgsqlParameter("now", now))
            .ToListAsync(cancellationToken);

        if (batch.Count > 0)
        {
            var failures = await publisher.PublishAsync(batch, cancellationToken);
            foreach (var message in batch)
            {
                if (failures.TryGetValue(message.Id, out var error))
                {
                    message.Attempts++;
                    message.LastError = error.Length > 2000 ? error[..2000] : error;
                    message.NextAttemptAt = time.GetUtcNow() + Backoff(message.Attempts);
                }
                else
                {
                    db.Remove(message);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (time.GetUtcNow() - _backlogReadAt >= BacklogRefresh)
        {
            _backlog = await ReadBacklogAsync(db, cancellationToken);
            _backlogReadAt = time.GetUtcNow();
        }

        return batch.Count;
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(attempts, 20)));
        var capped = exponential < options.Value.OutboxMaxBackoff ? exponential : options.Value.OutboxMaxBackoff;
        return capped * (0.5 + Random.Shared.NextDouble() / 2);
    }

    private async Task<OutboxBacklog> ReadBacklogAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var outbox = db.Set<OutboxMessage>().AsNoTracking();
        var count = await outbox.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTimeOffset?)null : await outbox.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        return new OutboxBacklog(count, oldest is { } created ? time.GetUtcNow() - created : TimeSpan.Zero);
    }

    /// <summary>Names come from the model, so the statement follows the context's schema and naming convention.</summary>
    private static string SelectDueSql(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map the outbox: call modelBuilder.AddOutboxAndInbox().");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var qualified = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        return $"SELECT * FROM {qualified} WHERE {Column(nameof(OutboxMessage.NextAttemptAt))} <= @now " +
               $"ORDER BY {Column(nameof(OutboxMessage.Sequence))} LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; the batch stays in the outbox")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Messaging.Outbox;
using Shop.Messaging.Sns;
using Shop.Messaging.Telemetry;

namespace Shop.Messaging.Postgres;

/// <summary>
/// Relays committed outbox rows to SNS, oldest first, ten per PublishBatch, without a transaction open across the call:
/// <list type="number">
/// <item>Claim: one statement moves up to ten due rows' next attempt past a lease and commits at once; its
/// <c>FOR UPDATE SKIP LOCKED</c> makes replicas claim different rows.</item>
/// <item>Publish the claimed rows, outside any transaction.</item>
/// <item>Settle: delete the rows SNS accepted; give each refused row its next attempt with backoff, if it is still ours.</item>
/// </list>
/// A crash after the claim leaves the rows to be claimed again when the lease runs out: published twice at worst
/// (consumers' inboxes absorb the duplicate), never lost. The dispatcher is the one retry layer: it retries for ever.
/// </summary>
internal sealed partial class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    OutboxSignal signal,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    IOptions<SnsClientOptions> sns,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    public const int BatchSize = 10;

    private const int MaxErrorLength = 2000;

    /// <summary>The gauges need no fresher reading than this; at volume a read per batch would double the queries.</summary>
    private static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(1);

    private OutboxBacklog _backlog;
    private DateTimeOffset _backlogReadAt = DateTimeOffset.MinValue;

    /// <summary>A claim outlasts what follows it: a topic ARN look-up and a PublishBatch, each bounded by the SNS attempt timeout.</summary>
    private TimeSpan Lease => 3 * sns.Value.AttemptTimeout;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveOutbox(() => _backlog);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDispatchFailed(logger, ex);
            }

            if (claimed < BatchSize)
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

    /// <summary>Publishes one batch of due rows; returns how many rows it claimed (a full batch means: look again now).</summary>
    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count > 0)
        {
            Dictionary<Guid, string> failures;
            try
            {
                failures = await publisher.PublishAsync(batch, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: hand the rows back now rather than leave them to the lease.
                await RescheduleAsync(db, batch, _ => time.GetUtcNow(), error: null);
                throw;
            }

            await SettleAsync(db, batch, failures);
        }

        if (time.GetUtcNow() - _backlogReadAt >= BacklogRefresh)
        {
            _backlog = await ReadBacklogAsync(db, cancellationToken);
            _backlogReadAt = time.GetUtcNow();
        }

        return batch.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await db.Set<OutboxMessage>()
            .FromSqlRaw(OutboxSql.Claim(db, BatchSize), new NpgsqlParameter("now", now), new NpgsqlParameter("lease_until", now + Lease))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(m => m.Sequence)];
    }

    // What SNS accepted must leave the outbox even when the service is stopping: no cancellation here.
    private async Task SettleAsync(TDbContext db, List<OutboxMessage> batch, Dictionary<Guid, string> failures)
    {
        var published = batch.Where(m => !failures.ContainsKey(m.Id)).Select(m => m.Id).ToList();
        if (published.Count > 0)
        {
            await db.Set<OutboxMessage>().Where(m => published.Contains(m.Id)).ExecuteDeleteAsync(CancellationToken.None);
        }

        var refused = batch.Where(m => failures.ContainsKey(m.Id)).ToList();
        await RescheduleAsync(
            db,
            refused,
            m => time.GetUtcNow() + Backoff.Delay(m.Attempts + 1, options.Value.OutboxRetryBaseDelay, options.Value.OutboxRetryMaxDelay),
            m => failures[m.Id]);
    }

    /// <summary>
    /// Sets each row's next attempt, counting a failed attempt when there is an error. A row whose lease ran out and
    /// that another dispatcher claimed since is left to that dispatcher.
    /// </summary>
    private static async Task RescheduleAsync(
        TDbContext db, List<OutboxMessage> rows, Func<OutboxMessage, DateTimeOffset> nextAttempt, Func<OutboxMessage, string>? error)
    {
        foreach (var row in rows)
        {
            var next = nextAttempt(row);
            var lease = row.NextAttemptAt;
            var ours = db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.NextAttemptAt == lease);
            if (error is null)
            {
                await ours.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, next), CancellationToken.None);
                continue;
            }

            var attempts = row.Attempts + 1;
            var message = Truncate(error(row));
            await ours.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, message),
                CancellationToken.None);
        }
    }

    private static string Truncate(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;

    private async Task<OutboxBacklog> ReadBacklogAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var outbox = db.Set<OutboxMessage>().AsNoTracking();
        var count = await outbox.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTimeOffset?)null : await outbox.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        return new OutboxBacklog(count, oldest is { } created ? time.GetUtcNow() - created : TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; the batch stays in the outbox")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}

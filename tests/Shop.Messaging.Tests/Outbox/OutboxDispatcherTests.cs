using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Outbox;
using Shop.Messaging.Tests.Pipeline;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Outbox;

public sealed class OutboxDispatcherTests(PostgresFixture postgres, MotoFixture moto)
{
    private static readonly ServiceTopology Ordering = new("ordering", ShopTopology.OrderingEvents, null);

    [Fact]
    public async Task A_publish_that_hangs_holds_no_transaction_and_no_row_lock_and_ends_at_the_attempt_timeout()
    {
        await using var sns = HangingEndpoint.Start();
        var environment = PipelineEnvironment.Create(moto.Settings) with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL_SNS"] = sns.Url,
                ["Messaging:Provision"] = "false",
                ["Messaging:AccountId"] = "123456789012",
                ["Sns:AttemptTimeout"] = "00:00:03",
            },
        };
        var database = await postgres.CreateDatabaseAsync("hanging_sns");
        await using var ordering = await PipelineNode.StartAsync(Ordering, environment, database);

        await ordering.PublishAsync(new OrderPlaced(Guid.NewGuid(), "c-h", [new OrderLine(1, 1)]));
        await Poll.UntilAsync(() => Task.FromResult(sns.Requests), n => n >= 1, TimeSpan.FromSeconds(20), "the dispatcher's request to SNS");

        (await OpenTransactionsAsync(database)).ShouldBe(0, "no transaction stays open while SNS is called");
        (await LockOutboxRowsAsync(database)).ShouldBe(1, "the row being published is not locked, so nothing waits on it");

        var row = await Poll.UntilAsync(
            () => ordering.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync()),
            m => m.Attempts >= 1,
            TimeSpan.FromSeconds(20),
            "the hung attempt to time out and be rescheduled");
        row.LastError.ShouldNotBeNull().ShouldContain("did not answer within 3 s");
        row.NextAttemptAt.ShouldBeGreaterThan(row.CreatedAt);
    }

    /// <summary>Transactions other sessions on <paramref name="database"/> hold open right now.</summary>
    private static async Task<long> OpenTransactionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL",
            connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Locks every outbox row without waiting (fails if any is locked) and returns how many it locked.</summary>
    private static async Task<long> LockOutboxRowsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT 1 FROM pipeline.outbox_messages FOR UPDATE NOWAIT) AS locked", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

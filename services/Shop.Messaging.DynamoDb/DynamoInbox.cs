using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Consuming;
using Shop.Messaging.Inbox;
using Shop.Contracts.Topology;
using Shop.Messaging.Provisioning;

namespace Shop.Messaging.DynamoDb;

/// <summary>
/// The inbox of a DynamoDB-backed consumer: one item per (consumer, event id), written with
/// <c>attribute_not_exists</c> in the same transaction as the handler's writes (<see cref="DynamoWrites"/>).
/// </summary>
public sealed class DynamoInbox(IAmazonDynamoDB dynamo, string tableName, TimeProvider time) : IInbox, IProvisioningStep
{
    public const string KeyAttribute = TableDefinition.InboxPartitionKey;

    /// <summary>Inbox records expire after this long (DynamoDB TTL on <c>expiresAt</c>); SQS keeps a message 14 days at most.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>DynamoDB's limit on the items of one TransactWriteItems call, the inbox record included.</summary>
    public const int MaxTransactionItems = 100;

    /// <summary>The physical table name (with the environment prefix).</summary>
    public string TableName => tableName;

    async Task<DispatchOutcome> IInbox.ApplyOnceAsync(
        MessageContext context, IServiceProvider scope, Func<CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        await handle(cancellationToken);
        var writes = scope.GetRequiredService<DynamoWrites>().Items;
        return await ApplyOnceAsync(context.EventId, context.Queue, context.Type, writes, cancellationToken)
            ? DispatchOutcome.Applied
            : DispatchOutcome.Duplicate;
    }

    /// <summary>Commits <paramref name="writes"/> and the inbox record together; false when the event was applied before.</summary>
    public async Task<bool> ApplyOnceAsync(Guid eventId, string consumer, string type, IReadOnlyList<TransactWriteItem> writes, CancellationToken cancellationToken)
    {
        if (writes.Count + 1 > MaxTransactionItems)
        {
            throw new InvalidOperationException($"A handler may write at most {MaxTransactionItems - 1} items per event; it returned {writes.Count}.");
        }

        var now = time.GetUtcNow();
        var record = new TransactWriteItem
        {
            Put = new Put
            {
                TableName = TableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    [KeyAttribute] = new() { S = Key(consumer, eventId) },
                    ["type"] = new() { S = type },
                    ["processedAt"] = new() { S = now.ToString("O", CultureInfo.InvariantCulture) },
                    [TableDefinition.InboxTimeToLiveAttribute] = new() { N = (now + Retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                },
                ConditionExpression = $"attribute_not_exists({KeyAttribute})",
            },
        };

        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [record, .. writes] }, cancellationToken);
            return true;
        }
        catch (TransactionCanceledException ex) when (ex.CancellationReasons is [{ Code: "ConditionalCheckFailed" }, ..])
        {
            return false;
        }
    }

    /// <summary>Creates the inbox table (on-demand, TTL on <c>expiresAt</c>) unless it exists.</summary>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = TableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    KeySchema = [new KeySchemaElement(KeyAttribute, KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition(KeyAttribute, ScalarAttributeType.S)],
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
            return;
        }

        // TTL can only be set on an ACTIVE table; a new one is CREATING for a few seconds on AWS.
        while ((await dynamo.DescribeTableAsync(TableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        await dynamo.UpdateTimeToLiveAsync(
            new UpdateTimeToLiveRequest
            {
                TableName = TableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TableDefinition.InboxTimeToLiveAttribute, Enabled = true },
            },
            cancellationToken);
    }

    private static string Key(string consumer, Guid eventId) => $"{consumer}#{eventId}";
}

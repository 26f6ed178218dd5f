using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Shop.Messaging.DynamoDb;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Inbox.DynamoDb;

public sealed class DynamoInboxTests(MotoFixture moto) : IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];
    private AmazonDynamoDBClient _dynamo = null!;
    private DynamoInbox _inbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string OrdersTable => $"{_prefix}-orders";

    public async ValueTask InitializeAsync()
    {
        // One connection, so moto handles this class's requests one at a time. Its TransactWriteItems is not atomic
        // under concurrent requests: a transaction that fails puts back a copy of each table taken when it began,
        // wiping a concurrent winner's write (moto/dynamodb/models/__init__.py, transact_write_items). The deliveries
        // below still race in the inbox as they would against DynamoDB: each asks the server to record the event
        // first, and only the server decides which one wins.
        _dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials(MotoFixture.AccessKeyId, MotoFixture.SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = moto.Region, MaxConnectionsPerServer = 1 });
        _inbox = new DynamoInbox(_dynamo, $"{_prefix}-basket-inbox", TimeProvider.System);
        await _inbox.ProvisionAsync(Ct);
        await _dynamo.CreateTableAsync(
            new CreateTableRequest
            {
                TableName = OrdersTable,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            },
            Ct);
    }

    [Fact]
    public async Task Provisioning_an_existing_inbox_keeps_its_records_and_its_expiry()
    {
        var eventId = Guid.NewGuid();
        (await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-0")], Ct)).ShouldBeTrue();

        await _inbox.ProvisionAsync(Ct);

        (await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-0")], Ct)).ShouldBeFalse("the record survived");
        var ttl = await _dynamo.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = _inbox.TableName }, Ct);
        ttl.TimeToLiveDescription.AttributeName.ShouldBe("expiresAt");
        ttl.TimeToLiveDescription.TimeToLiveStatus.ShouldBe(TimeToLiveStatus.ENABLED);
        (await ApplicationsAsync("order-0")).ShouldBe(1);
    }

    [Fact]
    public async Task An_event_applied_twice_changes_state_once()
    {
        var eventId = Guid.NewGuid();

        var first = await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-1")], Ct);
        var second = await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-1")], Ct);

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        (await ApplicationsAsync("order-1")).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_change_state_once()
    {
        var eventId = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-2")], Ct)));

        results.Count(applied => applied).ShouldBe(1);
        (await ApplicationsAsync("order-2")).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_event_is_applied_once_per_consumer()
    {
        var eventId = Guid.NewGuid();

        (await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-3")], Ct)).ShouldBeTrue();
        (await _inbox.ApplyOnceAsync(eventId, "other-consumer", "OrderPlaced", [CountApplication("order-3")], Ct)).ShouldBeTrue();

        (await ApplicationsAsync("order-3")).ShouldBe(2);
    }

    [Fact]
    public async Task A_write_that_fails_records_nothing_so_the_retry_applies_it()
    {
        var eventId = Guid.NewGuid();
        var refused = CountApplication("order-4");
        refused.Update.ConditionExpression = "attribute_exists(pk)";

        await Should.ThrowAsync<TransactionCanceledException>(() => _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [refused], Ct));
        (await _inbox.ApplyOnceAsync(eventId, "basket", "OrderPlaced", [CountApplication("order-4")], Ct)).ShouldBeTrue();

        (await ApplicationsAsync("order-4")).ShouldBe(1);
    }

    public ValueTask DisposeAsync()
    {
        _dynamo.Dispose();
        return ValueTask.CompletedTask;
    }

    private TransactWriteItem CountApplication(string orderId) => new()
    {
        Update = new Update
        {
            TableName = OrdersTable,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = orderId } },
            UpdateExpression = "ADD applications :one",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":one"] = new() { N = "1" } },
        },
    };

    private async Task<int> ApplicationsAsync(string orderId)
    {
        var item = await _dynamo.GetItemAsync(
            new GetItemRequest { TableName = OrdersTable, Key = new() { ["pk"] = new() { S = orderId } }, ConsistentRead = true }, Ct);
        return int.Parse(item.Item["applications"].N, System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Consuming;
using Shop.Messaging.Envelope;
using Shop.Messaging.DynamoDb;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Tests.Pipeline;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Inbox.DynamoDb;

public sealed class DynamoConsumerTests(PostgresFixture postgres, MotoFixture moto)
{
    [Fact]
    public async Task A_dynamodb_consumer_applies_each_event_once_even_when_it_is_delivered_twice()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        var orders = new OrdersTable($"{environment.Prefix}-orders");
        await using var ordering = await PipelineNode.StartAsync(
            new ServiceTopology("ordering", ShopTopology.OrderingEvents, null), environment, await postgres.CreateDatabaseAsync("dynamo_ordering"));
        await ordering.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(ShopTopology.Basket, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        using var basket = await StartBasketAsync(environment, orders);
        await orders.CreateAsync(basket.Services.GetRequiredService<IAmazonDynamoDB>());

        var events = Enumerable.Range(0, 3).Select(_ => new OrderPlaced(Guid.NewGuid(), "c-d", [new OrderLine(2, 1)])).ToArray();
        var ids = await ordering.PublishAsync(events);
        var reader = new QueueReader(moto.CreateSqsClient(), environment.Prefix);
        var dynamo = basket.Services.GetRequiredService<IAmazonDynamoDB>();
        await UntilDrainedAsync(reader, orders, dynamo, events, "every order to be applied");

        await SendDuplicateAsync(environment.Prefix, events[0], ids[0]);
        await UntilDrainedAsync(reader, orders, dynamo, events, "the duplicate to be consumed");

        foreach (var order in events)
        {
            (await orders.ApplicationsAsync(dynamo, order.OrderId)).ShouldBe(1);
        }

        await basket.StopAsync(TestContext.Current.CancellationToken);
    }

    private static Task UntilDrainedAsync(QueueReader reader, OrdersTable orders, IAmazonDynamoDB dynamo, OrderPlaced[] events, string what) =>
        Poll.UntilAsync(
            async () => (await reader.DepthAsync("basket"), await orders.CountAsync(dynamo, events.Select(e => e.OrderId))),
            state => state == (0, events.Length),
            TimeSpan.FromSeconds(30),
            $"the basket queue to drain and {what}");

    private async Task<IHost> StartBasketAsync(PipelineEnvironment environment, OrdersTable orders)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(environment.Settings(connectionString: ""));
        // One delivery at a time: moto runs a transaction without isolation (it checks the inbox record's condition,
        // then writes, without a lock), so two deliveries of one event handled at the same moment (a redelivery after
        // a slow first attempt, or the duplicate) could both pass there, where DynamoDB fails one of them
        // (TransactionConflict: not deleted, redelivered, then seen as a duplicate). That would test moto, not the inbox.
        builder.Configuration.AddInMemoryCollection([new("Messaging:MaxConcurrency", "1")]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(orders);
        builder.AddDynamoDbMessaging(ShopTopology.Basket, "basket-inbox").AddHandler<OrderPlaced, CountOrderHandler>();
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    private async Task SendDuplicateAsync(string prefix, OrderPlaced @event, Guid eventId)
    {
        using var sqs = moto.CreateSqsClient();
        var url = (await sqs.GetQueueUrlAsync(PhysicalName.Of(prefix, "basket"))).QueueUrl;
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = JsonSerializer.Serialize(@event, EventJson.Options),
            MessageAttributes = new()
            {
                [MessageAttributes.Type] = new() { DataType = "String", StringValue = nameof(OrderPlaced) },
                [MessageAttributes.Id] = new() { DataType = "String", StringValue = eventId.ToString() },
            },
        });
    }

    public sealed record OrdersTable(string Name)
    {
        public Task CreateAsync(IAmazonDynamoDB dynamo) => dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = Name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
        });

        public async Task<int> ApplicationsAsync(IAmazonDynamoDB dynamo, Guid orderId)
        {
            var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = Name, Key = Key(orderId), ConsistentRead = true });
            return item.Item is { Count: > 0 } found ? int.Parse(found["applications"].N, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        public async Task<int> CountAsync(IAmazonDynamoDB dynamo, IEnumerable<Guid> orderIds)
        {
            var count = 0;
            foreach (var id in orderIds)
            {
                count += await ApplicationsAsync(dynamo, id) > 0 ? 1 : 0;
            }

            return count;
        }

        public static Dictionary<string, AttributeValue> Key(Guid orderId) => new() { ["pk"] = new() { S = orderId.ToString() } };
    }

    private sealed class CountOrderHandler(OrdersTable orders, DynamoWrites writes) : IEventHandler<OrderPlaced>
    {
        public Task HandleAsync(OrderPlaced @event, MessageContext context, CancellationToken cancellationToken)
        {
            writes.Add(new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = orders.Name,
                    Key = OrdersTable.Key(@event.OrderId),
                    UpdateExpression = "ADD applications :one",
                    ExpressionAttributeValues = new() { [":one"] = new() { N = "1" } },
                },
            });
            return Task.CompletedTask;
        }
    }
}

using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Shop.Basket.Domain;
using Shop.Contracts.Topology;
using Shop.Messaging.Provisioning;

namespace Shop.Basket.Data;

/// <summary>
/// Baskets in DynamoDB, one item per customer. Every write is conditional on the version it read, so two writers
/// (the customer and the OrderPlaced handler, or two of the customer's requests) cannot overwrite each other.
/// </summary>
public sealed class BasketStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider time) : IProvisioningStep
{
    public static string Key => ShopServices.BasketsTable.PartitionKey;

    public string TableName => tableName;

    public async Task<CustomerBasket> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = KeyOf(customerId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(customerId, response.Item) : CustomerBasket.Empty(customerId);
    }

    /// <summary>Writes <paramref name="basket"/> unless someone wrote since it was read; false if they did.</summary>
    public async Task<bool> TrySaveAsync(CustomerBasket basket, CancellationToken cancellationToken)
    {
        var put = PutOf(basket);
        try
        {
            await dynamo.PutItemAsync(
                new PutItemRequest
                {
                    TableName = put.TableName,
                    Item = put.Item,
                    ConditionExpression = put.ConditionExpression,
                    ExpressionAttributeNames = put.ExpressionAttributeNames,
                    ExpressionAttributeValues = put.ExpressionAttributeValues,
                },
                cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The conditional write of <paramref name="basket"/>, for a transaction (the consumer's inbox).</summary>
    public Put PutOf(CustomerBasket basket) => new()
    {
        TableName = tableName,
        Item = new Dictionary<string, AttributeValue>
        {
            [Key] = new() { S = basket.CustomerId },
            ["version"] = Number(basket.Version + 1),
            ["updatedAt"] = new() { S = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
            ["items"] = new() { L = [.. basket.Items.OrderBy(i => i.ProductId).Select(ToAttribute)] },
        },
        ConditionExpression = "attribute_not_exists(#key) OR #version = :read",
        ExpressionAttributeNames = new Dictionary<string, string> { ["#key"] = Key, ["#version"] = "version" },
        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":read"] = Number(basket.Version) },
    };

    /// <summary>Creates the table (on demand) unless it exists; runs at start where the service provisions its resources.</summary>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    KeySchema = [new KeySchemaElement(Key, KeyType.HASH)],
                    AttributeDefinitions = [new AttributeDefinition(Key, ScalarAttributeType.S)],
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(string customerId) => new() { [Key] = new() { S = customerId } };

    private static CustomerBasket FromItem(string customerId, Dictionary<string, AttributeValue> item) => new(
        customerId,
        (item.TryGetValue("items", out var items) ? items.L ?? [] : []).Select(FromAttribute),
        long.Parse(item["version"].N, CultureInfo.InvariantCulture));

    private static AttributeValue ToAttribute(BasketItem item) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            ["productId"] = Number(item.ProductId),
            ["quantity"] = Number(item.Quantity),
            ["name"] = new() { S = item.Name },
            ["unitPrice"] = new() { N = item.UnitPrice.ToString(CultureInfo.InvariantCulture) },
            ["currency"] = new() { S = item.Currency },
        },
    };

    private static BasketItem FromAttribute(AttributeValue value) => new(
        int.Parse(value.M["productId"].N, CultureInfo.InvariantCulture),
        int.Parse(value.M["quantity"].N, CultureInfo.InvariantCulture),
        value.M["name"].S,
        decimal.Parse(value.M["unitPrice"].N, CultureInfo.InvariantCulture),
        value.M["currency"].S);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}

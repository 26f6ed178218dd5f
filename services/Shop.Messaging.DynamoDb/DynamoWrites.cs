using Amazon.DynamoDBv2.Model;

namespace Shop.Messaging.DynamoDb;

/// <summary>
/// The unit of work of a DynamoDB service's handler (scoped to one delivery): the handler adds the writes it wants
/// and the consumer commits them in one TransactWriteItems together with a conditional put of the inbox record.
/// </summary>
public sealed class DynamoWrites
{
    private readonly List<TransactWriteItem> _items = [];

    public IReadOnlyList<TransactWriteItem> Items => _items;

    public void Add(TransactWriteItem item) => _items.Add(item);
}

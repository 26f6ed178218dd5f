namespace Shop.Basket.Domain;

/// <summary>
/// A customer's basket: at most one line per product. <see cref="Version"/> counts writes, so a write based on an
/// older read is refused by the store instead of overwriting a concurrent change.
/// </summary>
public sealed class CustomerBasket(string customerId, IEnumerable<BasketItem> items, long version)
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 99;

    private readonly Dictionary<int, BasketItem> _items = items.ToDictionary(i => i.ProductId);

    public string CustomerId { get; } = customerId;

    public long Version { get; } = version;

    public IReadOnlyCollection<BasketItem> Items => _items.Values;

    public static CustomerBasket Empty(string customerId) => new(customerId, [], 0);

    /// <summary>Sets a product's quantity (adding the line if new); false when the basket is full.</summary>
    public bool Set(BasketItem item)
    {
        if (!_items.ContainsKey(item.ProductId) && _items.Count >= MaxItems)
        {
            return false;
        }

        _items[item.ProductId] = item;
        return true;
    }

    public bool Remove(int productId) => _items.Remove(productId);

    /// <summary>Takes an order's quantities out: a line ordered in full goes, a line raised since keeps the difference.</summary>
    public bool Subtract(IEnumerable<(int ProductId, int Quantity)> ordered)
    {
        var changed = false;
        foreach (var (productId, quantity) in ordered)
        {
            if (!_items.TryGetValue(productId, out var item))
            {
                continue;
            }

            changed = true;
            if (item.Quantity <= quantity)
            {
                _items.Remove(productId);
            }
            else
            {
                _items[productId] = item with { Quantity = item.Quantity - quantity };
            }
        }

        return changed;
    }
}

/// <summary>A basket line, with the product's name and price as catalog gave them when it was added.</summary>
public sealed record BasketItem(int ProductId, int Quantity, string Name, decimal UnitPrice, string Currency);

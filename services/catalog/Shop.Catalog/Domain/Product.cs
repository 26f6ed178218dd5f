namespace Shop.Catalog.Domain;

/// <summary>A product on sale. Input is validated at the API edge (ProductValidation); the entity guards its invariants.</summary>
public sealed class Product
{
    private Product()
    {
    }

    public Product(string name, string description, string category, decimal price, string currency, int availableStock)
    {
        Update(name, description, category, price, currency, availableStock);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string Category { get; private set; } = "";

    public decimal Price { get; private set; }

    public string Currency { get; private set; } = "";

    public int AvailableStock { get; private set; }

    /// <summary>Takes <paramref name="quantity"/> out of the available stock; the caller has checked there is enough.</summary>
    public void Reserve(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > AvailableStock)
        {
            throw new InvalidOperationException($"Product {Id} has {AvailableStock} in stock, fewer than {quantity}.");
        }

        AvailableStock -= quantity;
    }

    public void Release(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        AvailableStock += quantity;
    }

    public void Update(string name, string description, string category, decimal price, string currency, int availableStock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegative(availableStock);

        Name = name;
        Description = description;
        Category = category;
        Price = price;
        Currency = currency;
        AvailableStock = availableStock;
    }
}

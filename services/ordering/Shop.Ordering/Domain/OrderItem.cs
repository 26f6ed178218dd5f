namespace Shop.Ordering.Domain;

/// <summary>A line of an order. Name and unit price come from catalog's StockReserved; until then they are unknown.</summary>
public sealed class OrderItem
{
    private OrderItem()
    {
    }

    public OrderItem(int productId, int quantity)
    {
        ProductId = productId;
        Quantity = quantity;
    }

    public int ProductId { get; private set; }

    public int Quantity { get; private set; }

    public string? Name { get; private set; }

    public decimal? UnitPrice { get; private set; }

    internal void Price(string name, decimal unitPrice)
    {
        Name = name;
        UnitPrice = unitPrice;
    }
}

using Shop.Ordering.Domain;

namespace Shop.Ordering.Apis;

/// <summary>An order as the API shows it. Names, prices and the total are null until catalog has reserved the stock.</summary>
public sealed record OrderDto(
    Guid Id,
    string Status,
    IReadOnlyList<OrderItemDto> Items,
    decimal? Total,
    string? Currency,
    string? CancellationReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderDto From(Order order) => new(
        order.Id,
        order.Status.ToString(),
        [.. order.Items.Select(i => new OrderItemDto(i.ProductId, i.Name, i.Quantity, i.UnitPrice))],
        order.Total,
        order.Currency,
        order.CancellationReason,
        order.CreatedAt,
        order.UpdatedAt);
}

public sealed record OrderItemDto(int ProductId, string? Name, int Quantity, decimal? UnitPrice);

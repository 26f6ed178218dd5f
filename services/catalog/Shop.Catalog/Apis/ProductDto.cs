using Shop.Catalog.Domain;

namespace Shop.Catalog.Apis;

public sealed record ProductDto(
    int Id,
    string Name,
    string Description,
    string Category,
    decimal Price,
    string Currency,
    int AvailableStock)
{
    public static ProductDto From(Product product) => new(
        product.Id,
        product.Name,
        product.Description,
        product.Category,
        product.Price,
        product.Currency,
        product.AvailableStock);
}

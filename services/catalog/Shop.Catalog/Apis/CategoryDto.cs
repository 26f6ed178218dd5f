namespace Shop.Catalog.Apis;

public sealed record CategoryDto(string Name, int ProductCount);

namespace Shop.Catalog.Apis;

/// <summary>The body of POST and PUT: every field is required.</summary>
public sealed record ProductRequest(
    string? Name,
    string? Description,
    string? Category,
    decimal? Price,
    string? Currency,
    int? AvailableStock);

namespace Shop.Ordering.Apis;

/// <summary>The body of <c>POST /api/orders</c>. Everything is nullable so that a missing field is named, not defaulted.</summary>
public sealed record PlaceOrderRequest(IReadOnlyList<OrderLineRequest?>? Items, ShippingAddressRequest? ShippingAddress);

public sealed record OrderLineRequest(int? ProductId, int? Quantity);

public sealed record ShippingAddressRequest(string? Line1, string? City, string? PostalCode, string? Country);

namespace Shop.Ordering.Domain;

/// <summary>Where the order goes; <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record ShippingAddress(string Line1, string City, string PostalCode, string Country);

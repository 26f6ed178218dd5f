namespace Shop.Ordering.Domain;

/// <summary>The bounds the API enforces and the columns are sized for.</summary>
public static class OrderLimits
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 99;
    public const int CustomerIdLength = 64;
    public const int IdempotencyKeyLength = 128;
    public const int AddressLineLength = 200;
    public const int CityLength = 100;
    public const int PostalCodeLength = 20;
}

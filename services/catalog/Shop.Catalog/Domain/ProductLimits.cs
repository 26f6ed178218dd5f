namespace Shop.Catalog.Domain;

public static class ProductLimits
{
    public const int NameLength = 200;
    public const int DescriptionLength = 2000;
    public const int CategoryLength = 100;
    public const decimal MaxPrice = 9_999_999_999.99m;
}

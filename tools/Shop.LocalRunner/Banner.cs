namespace Shop.LocalRunner;

/// <summary>What the runner prints once the shop is up: where it is and tokens to call it with.</summary>
public static class Banner
{
    public static string For(ShopHost shop)
    {
        var gateway = shop.GatewayUrl.ToString().TrimEnd('/');
        return $"""

            The shop is running at {gateway}

              curl {gateway}/api/catalog/products

            Tokens valid for 8 hours (admin: role admin; customer: subject customer-1):
              export ADMIN_TOKEN={shop.CreateToken("admin", "admin")}
              export CUSTOMER_TOKEN={shop.CreateToken("customer-1", "customer")}
              curl -H "Authorization: Bearer $ADMIN_TOKEN" {gateway}/api/catalog/products

            Logs: {shop.LogDirectory}
            Press Ctrl+C to stop.
            """;
    }
}

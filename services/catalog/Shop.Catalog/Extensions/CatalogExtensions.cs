using Shop.Catalog.Data;
using Shop.Catalog.Stock;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Data;

namespace Shop.Catalog.Extensions;

public static class CatalogExtensions
{
    public static IHostApplicationBuilder AddCatalogData(this IHostApplicationBuilder builder) =>
        builder.AddPostgresDbContext<CatalogDbContext>("Catalog");

    /// <summary>Stock reservations: OrderPlaced and OrderCancelled in, StockReserved and StockRejected out.</summary>
    public static IHostApplicationBuilder AddCatalogStock(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging<CatalogDbContext>(ShopTopology.Catalog)
            .AddHandler<OrderPlaced, OrderPlacedHandler>()
            .AddHandler<OrderCancelled, OrderCancelledHandler>();
        return builder;
    }
}

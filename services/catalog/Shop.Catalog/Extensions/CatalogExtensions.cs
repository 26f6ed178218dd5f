using Shop.Catalog.Data;
using Shop.ServiceDefaults.Data;

namespace Shop.Catalog.Extensions;

public static class CatalogExtensions
{
    public static IHostApplicationBuilder AddCatalogData(this IHostApplicationBuilder builder) =>
        builder.AddPostgresDbContext<CatalogDbContext>("Catalog");
}

using Shop.Catalog.Apis;
using Shop.Catalog.Extensions;
using Shop.ServiceDefaults;

return await ShopService.RunAsync(
    args,
    builder =>
    {
        builder.AddCatalogData();
        builder.AddCatalogStock();
    },
    app => app.MapProductsApi());

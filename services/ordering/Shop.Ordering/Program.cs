using Shop.Ordering;
using Shop.Ordering.Apis;
using Shop.ServiceDefaults;

return await ShopService.RunAsync(args, builder => builder.AddOrdering(), app => app.MapOrdersApi());

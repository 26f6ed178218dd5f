using Shop.Basket;
using Shop.Basket.Apis;
using Shop.ServiceDefaults;

return await ShopService.RunAsync(args, builder => builder.AddBasket(), app => app.MapBasketApi());

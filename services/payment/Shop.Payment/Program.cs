using Shop.Payment;
using Shop.Payment.Apis;
using Shop.ServiceDefaults;

return await ShopService.RunAsync(args, builder => builder.AddPayment(), app => app.MapPaymentsApi());

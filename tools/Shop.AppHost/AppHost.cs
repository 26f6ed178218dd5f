using Shop.AppHost;

// The whole shop on this machine without Docker; ports are those of docs/architecture.md.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddLocalPostgres("postgres", port: 5432);
var moto = builder.AddMoto("moto", port: 4566);
var gateway = builder.AddShopService<Projects.Shop_Gateway>("gateway", port: 8080);

var catalog = builder.AddShopService<Projects.Shop_Catalog>("catalog", port: 5101)
    .WithAuthority(gateway)
    .WithDatabase(postgres, "catalog", connectionName: "Catalog")
    .WithAws(moto);

var basket = builder.AddShopService<Projects.Shop_Basket>("basket", port: 5102)
    .WithAuthority(gateway)
    .WithAws(moto)
    .WithEnvironment("Catalog__BaseUrl", catalog.GetEndpoint("http"))
    .WaitFor(catalog);

var ordering = builder.AddShopService<Projects.Shop_Ordering>("ordering", port: 5103)
    .WithAuthority(gateway)
    .WithDatabase(postgres, "ordering", connectionName: "Ordering")
    .WithAws(moto);

// Payment:FailureRate (e.g. --Payment:FailureRate=0.1) makes the simulated card processor fail that share of charges.
var payment = builder.AddShopService<Projects.Shop_Payment>("payment", port: 5104)
    .WithAuthority(gateway)
    .WithDatabase(postgres, "payment", connectionName: "Payment")
    .WithAws(moto)
    .WithEnvironment("Payment__FailureRate", builder.Configuration["Payment:FailureRate"] ?? "0");

var notification = builder.AddShopService<Projects.Shop_Notification>("notification", port: 5105)
    .WithAuthority(gateway)
    .WithDatabase(postgres, "notification", connectionName: "Notification")
    .WithAws(moto);

gateway
    .WithAuthority(gateway)
    .WithRoute(catalog)
    .WithRoute(basket)
    .WithRoute(ordering)
    .WithRoute(payment)
    .WithRoute(notification)
    .WithBanner();

builder.Build().Run();

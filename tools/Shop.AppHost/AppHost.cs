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

gateway
    .WithAuthority(gateway)
    .WithRoute(catalog)
    .WithBanner();

builder.Build().Run();

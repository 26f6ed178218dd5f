using Shop.AppHost;

// The whole shop on this machine without Docker; ports are those of docs/architecture.md.
var builder = DistributedApplication.CreateBuilder(args);

var auth = DevelopmentAuth.Add(builder);
var postgres = builder.AddLocalPostgres("postgres", port: 5432);
var moto = builder.AddMoto("moto", port: 4566);

var catalog = builder.AddShopService<Projects.Shop_Catalog>("catalog", port: 5101, auth)
    .WithDatabase(postgres, "catalog", connectionName: "Catalog")
    .WithAws(moto);

builder.AddShopService<Projects.Shop_Gateway>("gateway", port: 8080, auth)
    .WithRoute(catalog)
    .WithBanner(auth);

builder.Build().Run();

using Shop.AppHost;
using Shop.Contracts.Topology;

// The whole shop on this machine without Docker; names, ports and databases are the service list's (ShopServices).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddLocalPostgres("postgres", port: 5432);
var moto = builder.AddMoto("moto", port: 4566);
// AppHost:AwsEndpointUrl sends the services' SNS, SQS and DynamoDB calls there instead of straight to moto.
var awsEndpointUrl = builder.Configuration["AppHost:AwsEndpointUrl"] is { Length: > 0 } url ? url : null;
var gateway = builder.AddShopService<Projects.Shop_Gateway>(ShopServices.Gateway);

// DevIssuer:SigningKeyFile (e.g. --DevIssuer:SigningKeyFile=dev-key.pem) pins the development issuer's RSA key, so
// tokens outlive a gateway restart; unset, the gateway makes a new key at every start.
if (builder.Configuration["DevIssuer:SigningKeyFile"] is { Length: > 0 } signingKeyFile)
{
    gateway.WithEnvironment("Auth__DevIssuer__SigningKeyFile", Path.GetFullPath(signingKeyFile));
}

var catalog = builder.AddShopService<Projects.Shop_Catalog>(ShopServices.Catalog)
    .WithAuthority(gateway)
    .WithDatabase(postgres, ShopServices.Catalog)
    .WithAws(moto, awsEndpointUrl);

var basket = builder.AddShopService<Projects.Shop_Basket>(ShopServices.Basket)
    .WithAuthority(gateway)
    .WithAws(moto, awsEndpointUrl)
    .WithEnvironment("Catalog__BaseUrl", catalog.GetEndpoint("http"))
    .WaitFor(catalog);

var ordering = builder.AddShopService<Projects.Shop_Ordering>(ShopServices.Ordering)
    .WithAuthority(gateway)
    .WithDatabase(postgres, ShopServices.Ordering)
    .WithAws(moto, awsEndpointUrl);

// Payment:FailureRate (e.g. --Payment:FailureRate=0.1) makes the simulated card processor fail that share of charges.
var payment = builder.AddShopService<Projects.Shop_Payment>(ShopServices.Payment)
    .WithAuthority(gateway)
    .WithDatabase(postgres, ShopServices.Payment)
    .WithAws(moto, awsEndpointUrl)
    .WithEnvironment("Payment__FailureRate", builder.Configuration["Payment:FailureRate"] ?? "0");

var notification = builder.AddShopService<Projects.Shop_Notification>(ShopServices.Notification)
    .WithAuthority(gateway)
    .WithDatabase(postgres, ShopServices.Notification)
    .WithAws(moto, awsEndpointUrl);

gateway
    .WithAuthority(gateway)
    .WithRoute(catalog)
    .WithRoute(basket)
    .WithRoute(ordering)
    .WithRoute(payment)
    .WithRoute(notification)
    .WithBanner();

builder.Build().Run();

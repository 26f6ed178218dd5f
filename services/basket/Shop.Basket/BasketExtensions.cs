using Amazon.DynamoDBv2;
using Microsoft.Extensions.Options;
using Shop.Basket.Catalog;
using Shop.Basket.Data;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.DynamoDb;
using Shop.Messaging.Provisioning;

namespace Shop.Basket;

public static class BasketExtensions
{
    /// <summary>Baskets in DynamoDB, catalog over HTTP, and OrderPlaced in (through the DynamoDB inbox).</summary>
    public static IHostApplicationBuilder AddBasket(this IHostApplicationBuilder builder)
    {
        builder.AddDynamoDbMessaging(ShopTopology.Basket, ShopServices.BasketInboxTable.Name)
            .AddHandler<OrderPlaced, Handlers.OrderPlacedHandler>();

        builder.Services.AddSingleton(sp => new BasketStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<MessagingResources>().PhysicalName(ShopServices.BasketsTable.Name), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IProvisioningStep>(sp => sp.GetRequiredService<BasketStore>());

        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // A customer waits on this call: a few quick retries, then a 503 rather than the handler's 30 s default.
        builder.Services.AddHttpClient<CatalogClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<CatalogOptions>>().Value.BaseUrl)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(6);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
        return builder;
    }
}

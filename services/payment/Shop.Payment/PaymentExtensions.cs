using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging;
using Shop.Messaging.Postgres;
using Shop.Payment.Data;
using Shop.Payment.Handlers;
using Shop.Payment.Processing;
using Shop.Data;

namespace Shop.Payment;

public static class PaymentExtensions
{
    /// <summary>The payments database, the simulated card processor, PaymentRequested and OrderCancelled in, the outcome out.</summary>
    public static IHostApplicationBuilder AddPayment(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<PaymentDbContext>("Payment");
        builder.AddMessaging<PaymentDbContext>(ShopTopology.Payment)
            .AddHandler<PaymentRequested, PaymentRequestedHandler>()
            .AddHandler<OrderCancelled, OrderCancelledHandler>();

        builder.Services.AddOptions<PaymentOptions>()
            .BindConfiguration(PaymentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ICardProcessor, SimulatedCardProcessor>();
        return builder;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Topology;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Postgres;

public static class PostgresMessagingExtensions
{
    /// <summary>
    /// Everything a PostgreSQL-backed service needs to publish and consume its part of <paramref name="topology"/>:
    /// the outbox and its dispatcher, the queue consumer with its inbox, provisioning for local runs, tracing and
    /// metrics. <typeparamref name="TDbContext"/> must map the tables (<c>modelBuilder.AddOutboxAndInbox()</c>);
    /// the start fails if it does not.
    /// </summary>
    public static MessagingBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, ServiceTopology topology)
        where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddHostedService<MessagingModelCheck<TDbContext>>();
        services.AddMessagingCore(topology);
        if (topology.Publishes is not null)
        {
            services.AddSingleton<OutboxSignal>();
            services.AddSingleton<OutboxCommitInterceptor>();
            services.ConfigureDbContext<TDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()));
            services.AddScoped<IOutbox, EfOutbox<TDbContext>>();
            services.AddSingleton<OutboxPublisher>();
            services.AddHostedService<OutboxDispatcher<TDbContext>>();
        }

        services.AddConsumer<EfInbox<TDbContext>>(topology);
        return new MessagingBuilder(services, topology);
    }
}

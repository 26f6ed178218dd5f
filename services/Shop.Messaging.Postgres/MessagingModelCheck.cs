using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Topology;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Postgres;

/// <summary>
/// Stops the start of a service whose DbContext does not map the tables its messaging needs, instead of letting it
/// report ready and then fail every poll and dead-letter every event.
/// </summary>
internal sealed class MessagingModelCheck<TDbContext>(IServiceScopeFactory scopes, ServiceTopology topology) : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<TDbContext>().Model;
        var missing = new List<string>();
        if (topology.Publishes is not null && model.FindEntityType(typeof(OutboxMessage)) is null)
        {
            missing.Add(nameof(OutboxMessage));
        }

        if (topology.Consumes is not null && model.FindEntityType(typeof(InboxMessage)) is null)
        {
            missing.Add(nameof(InboxMessage));
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{typeof(TDbContext).Name} does not map {string.Join(" and ", missing)}, which {topology.Service}'s messaging needs: " +
                $"call modelBuilder.{nameof(MessagingModelBuilderExtensions.AddOutboxAndInbox)}() in OnModelCreating.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

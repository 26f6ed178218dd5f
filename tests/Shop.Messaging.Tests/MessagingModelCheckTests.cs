using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Shop.Contracts.Topology;
using Shop.Data;
using Shop.Messaging.Postgres;
using Shouldly;

namespace Shop.Messaging.Tests;

public sealed class MessagingModelCheckTests
{
    public static TheoryData<string, string> Services => new()
    {
        { "publisher", "OutboxMessage" },
        { "consumer", "InboxMessage" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_whose_DbContext_lacks_the_messaging_tables_does_not_start(string service, string missing)
    {
        var topology = service == "publisher"
            ? new ServiceTopology("ordering", ShopTopology.OrderingEvents, null)
            : new ServiceTopology("notification", null, ShopTopology.NotificationQueue);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing is ever called: the check runs before anything connects.
            ["ConnectionStrings:Bare"] = "Host=127.0.0.1;Port=1;Database=bare",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1/",
            ["Messaging:Prefix"] = "model-check",
        });
        builder.AddPostgresDbContext<BareDbContext>("Bare");
        builder.AddMessaging<BareDbContext>(topology);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"{nameof(BareDbContext)} does not map {missing}");
        error.Message.ShouldContain("modelBuilder.AddOutboxAndInbox()");
    }

    /// <summary>A service's DbContext that forgot <c>modelBuilder.AddOutboxAndInbox()</c>.</summary>
    private sealed class BareDbContext(DbContextOptions<BareDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().HasKey(n => n.Id);
    }

    private sealed record Note(int Id);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.DeadLetters;
using Shop.Messaging.Provisioning;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

public sealed class PoisonMessageTests(PostgresFixture postgres, MotoFixture moto)
{
    private static readonly ServiceTopology Ordering = new("ordering", ShopTopology.OrderingEvents, null);
    private static readonly ServiceTopology Catalog = new("catalog", null, ShopTopology.CatalogQueue);

    [Fact]
    public async Task A_message_whose_handler_always_fails_ends_in_the_dlq_after_5_receives_and_the_dlq_command_shows_and_redrives_it()
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        using var sqs = moto.CreateSqsClient();
        var reader = new QueueReader(sqs, environment.Prefix);
        var poison = new OrderPlaced(Guid.NewGuid(), "c-13", [new OrderLine(13, 1)]);

        await using var ordering = await PipelineNode.StartAsync(Ordering, environment, await postgres.CreateDatabaseAsync("poison_ordering"));
        await ordering.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(Catalog, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var catalogDb = await postgres.CreateDatabaseAsync("poison_catalog");
        var eventId = (await ordering.PublishAsync(poison)).Single();

        var alwaysFails = new FailureInjector((_, _) => true);
        await using (var failing = await PipelineNode.StartAsync(Catalog, environment, catalogDb, alwaysFails))
        {
            await Poll.UntilAsync(() => reader.DepthAsync("catalog-dlq"), n => n == 1, TimeSpan.FromSeconds(60), "the poison message to reach the DLQ");
            (await reader.DepthAsync("catalog")).ShouldBe(0);
            alwaysFails.Injected.ShouldBe(QueueDefinition.MaxReceiveCount, "the handler ran once per receive, five times, before the redrive");
            (await failing.QueryAsync(db => db.AppliedOrders.CountAsync())).ShouldBe(0, "a failed handler's changes roll back");
        }

        var deadLetters = new DeadLetterQueues(sqs, environment.Prefix);
        var report = (await deadLetters.ListAsync(peek: 5, TestContext.Current.CancellationToken)).Single(r => r.Queue == "catalog");
        report.Depth.ShouldBe(1);
        var dead = report.Messages.ShouldHaveSingleItem();
        dead.Type.ShouldBe("OrderPlaced");
        dead.EventId.ShouldBe(eventId.ToString());
        DeadLetterCommand.Format([report]).ShouldContain(eventId.ToString());

        (await deadLetters.RedriveAsync("catalog", TestContext.Current.CancellationToken)).ShouldBe(1);
        (await reader.DepthAsync("catalog-dlq")).ShouldBe(0);

        // Fixed: the redriven message keeps its envelope and is applied once.
        await using var healthy = await PipelineNode.StartAsync(Catalog, environment, catalogDb, FailureInjector.Never);
        await Poll.UntilAsync(
            () => healthy.QueryAsync(db => db.AppliedOrders.Select(o => o.Applications).ToListAsync()),
            applied => applied is [1],
            TimeSpan.FromSeconds(30),
            "the redriven message to be applied");
    }

    [Theory]
    [InlineData("Bogus", "{}")]
    [InlineData("OrderPlaced", "{not json")]
    [InlineData(null, "{}")]
    public async Task A_message_that_cannot_be_handled_is_not_deleted_but_ends_in_the_dlq(string? type, string body)
    {
        var environment = PipelineEnvironment.Create(moto.Settings);
        using var sqs = moto.CreateSqsClient();
        var reader = new QueueReader(sqs, environment.Prefix);
        await using var catalog = await PipelineNode.StartAsync(Catalog, environment, await postgres.CreateDatabaseAsync("unreadable"));

        var attributes = new Dictionary<string, Amazon.SQS.Model.MessageAttributeValue>
        {
            ["id"] = new() { DataType = "String", StringValue = Guid.NewGuid().ToString() },
        };
        if (type is not null)
        {
            attributes["type"] = new() { DataType = "String", StringValue = type };
        }

        await sqs.SendMessageAsync(new Amazon.SQS.Model.SendMessageRequest { QueueUrl = await reader.UrlAsync("catalog"), MessageBody = body, MessageAttributes = attributes }, TestContext.Current.CancellationToken);

        await Poll.UntilAsync(() => reader.DepthAsync("catalog-dlq"), n => n == 1, TimeSpan.FromSeconds(60), "the unreadable message to reach the DLQ");
        (await reader.DrainAsync("catalog-dlq", TimeSpan.FromSeconds(5), 1)).ShouldHaveSingleItem().Body.ShouldBe(body);
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Outbox;
using Shop.Messaging.Provisioning;
using Shop.Messaging.Telemetry;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Pipeline;

public sealed class TraceTests(PostgresFixture postgres, MotoFixture moto)
{
    private static readonly ActivitySource Requests = new("Shop.Messaging.Tests.Requests");

    [Fact]
    public async Task One_trace_runs_from_the_request_through_the_producer_span_to_the_consumer_span()
    {
        var spans = new SpanCollection();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(Requests.Name, MessagingTelemetry.Name)
            .AddInMemoryExporter(spans)
            .Build();
        var environment = PipelineEnvironment.Create(moto.Settings);
        var catalogTopology = new ServiceTopology("catalog", null, ShopTopology.CatalogQueue);
        await using var ordering = await PipelineNode.StartAsync(
            new ServiceTopology("ordering", ShopTopology.OrderingEvents, null), environment, await postgres.CreateDatabaseAsync("trace_ordering"));
        await ordering.Services.GetRequiredService<TopologyProvisioner>().ProvisionAsync(catalogTopology, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await using var catalog = await PipelineNode.StartAsync(catalogTopology, environment, await postgres.CreateDatabaseAsync("trace_catalog"));

        // One transaction, so one dispatch batch: an event caused by a request, then one with no cause at all.
        ActivityTraceId traceId;
        ActivitySpanId requestSpanId;
        await using (var scope = ordering.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            using (var request = Requests.StartActivity("POST /api/orders", ActivityKind.Server)!)
            {
                traceId = request.TraceId;
                requestSpanId = request.SpanId;
                outbox.Add(new OrderPlaced(Guid.NewGuid(), "c-7", [new OrderLine(7, 1)]));
            }

            outbox.Add(new OrderPlaced(Guid.NewGuid(), "c-8", [new OrderLine(8, 1)]));
            await scope.ServiceProvider.GetRequiredService<PipelineDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var trace = await Poll.UntilAsync(
            () => Task.FromResult(spans.Snapshot().Where(s => s.TraceId == traceId).ToList()),
            found => found.Any(s => s.Kind == ActivityKind.Consumer),
            TimeSpan.FromSeconds(30),
            "the consumer span of the request's trace");

        await Poll.UntilAsync(() => catalog.QueryAsync(db => db.AppliedOrders.CountAsync()), n => n == 2, TimeSpan.FromSeconds(30), "both events");
        trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
        trace.Count(s => s.Kind == ActivityKind.Consumer).ShouldBe(1, "the event with no cause starts a trace of its own");

        var producer = trace.Single(s => s.Kind == ActivityKind.Producer);
        var consumer = trace.Single(s => s.Kind == ActivityKind.Consumer);
        producer.ParentSpanId.ShouldBe(requestSpanId);
        consumer.ParentSpanId.ShouldBe(producer.SpanId);
        consumer.TraceId.ShouldBe(producer.TraceId);
        producer.GetTagItem("messaging.system").ShouldBe("aws_sns");
        producer.GetTagItem("messaging.operation.type").ShouldBe("publish");
        consumer.GetTagItem("messaging.system").ShouldBe("aws_sqs");
        consumer.GetTagItem("messaging.operation.type").ShouldBe("process");
        consumer.GetTagItem("messaging.destination.name").ShouldBe($"{environment.Prefix}-catalog");

    }
}

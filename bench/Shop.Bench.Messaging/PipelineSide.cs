using System.Diagnostics;
using Amazon.SQS;
using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Events;
using Shop.Contracts.Topology;
using Shop.Messaging.Telemetry;

namespace Shop.Bench.Messaging;

/// <summary>
/// The shop's way: an ordering node commits each OrderPlaced through its outbox, its dispatcher relays them to the
/// ordering-events topic with PublishBatch, SNS fans them out to the catalog queue (raw delivery, filter on
/// <c>type</c>), and a catalog node consumes them through its inbox with a handler that records each order.
/// </summary>
public sealed class PipelineSide(BenchServers servers, int? maxConcurrency) : ISide
{
    private static readonly ServiceTopology Publisher = new("ordering", ShopTopology.OrderingEvents, null);
    private static readonly ServiceTopology Consumer = new("catalog", null, ShopTopology.CatalogQueue);

    public string Name => "pipeline";

    public async Task<ISideSession> StartAsync(string prefix, CancellationToken cancellationToken)
    {
        var requests = new RequestCounter();
        var publisher = await StartNodeAsync(Publisher, prefix, requests, cancellationToken);
        var consumer = await StartNodeAsync(Consumer, prefix, requests, cancellationToken);
        var queueUrl = (await servers.Observer.GetQueueUrlAsync(PhysicalName.Of(prefix, ShopTopology.CatalogQueue.Name), cancellationToken)).QueueUrl;
        return new Session(servers, publisher, consumer, queueUrl, requests);
    }

    private async Task<BenchNode> StartNodeAsync(ServiceTopology topology, string prefix, RequestCounter requests, CancellationToken cancellationToken)
    {
        var database = $"{prefix}-{topology.Service}";
        await servers.Postgres.CreateDatabaseAsync(database, cancellationToken);
        return await BenchNode.StartAsync(topology, servers, prefix, servers.Postgres.ConnectionString(database), requests, maxConcurrency);
    }

    private sealed class Session : ISideSession
    {
        private readonly BenchServers _servers;
        private readonly BenchNode _publisher;
        private readonly BenchNode _consumer;
        private readonly string _queueUrl;
        private readonly ActivityListener _applied;

        public Session(BenchServers servers, BenchNode publisher, BenchNode consumer, string queueUrl, RequestCounter requests)
        {
            _servers = servers;
            _publisher = publisher;
            _consumer = consumer;
            _queueUrl = queueUrl;
            Requests = requests;

            // The consumer span ends after the inbox transaction commits: that is when the event is applied.
            _applied = new ActivityListener
            {
                ShouldListenTo = source => source.Name == MessagingTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Kind == ActivityKind.Consumer && activity.GetTagItem(RecordOrderPlaced.OrderTag) is Guid order)
                    {
                        Deliveries.MarkApplied(order);
                    }
                },
            };
            ActivitySource.AddActivityListener(_applied);
        }

        public Deliveries Deliveries { get; } = new();

        public RequestCounter Requests { get; }

        public Task OfferAsync(OrderPlaced order, CancellationToken cancellationToken) => _publisher.PublishAsync(order, cancellationToken);

        public async Task<int> BacklogAsync(CancellationToken cancellationToken) =>
            await _publisher.OutboxCountAsync(cancellationToken) + await _servers.QueueDepthAsync(_queueUrl, cancellationToken);

        public async Task VerifyAsync(IReadOnlyCollection<OrderPlaced> orders, CancellationToken cancellationToken)
        {
            var applications = await _consumer.QueryAsync(db => db.AppliedOrders.ToDictionaryAsync(o => o.OrderId, o => o.Applications, cancellationToken));
            var missing = orders.Count(o => !applications.ContainsKey(o.OrderId));
            var twice = applications.Values.Count(n => n != 1);
            if (missing > 0 || twice > 0)
            {
                throw new InvalidOperationException(
                    $"The pipeline's effects are wrong: {missing} of {orders.Count} orders missing, {twice} orders applied more than once.");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _applied.Dispose();
            await _consumer.DisposeAsync();
            await _publisher.DisposeAsync();
        }
    }
}

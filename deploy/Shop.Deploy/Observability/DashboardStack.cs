using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using Shop.Contracts.Topology;
using Shop.Deploy.Messaging;
using Shop.Deploy.Services;

namespace Shop.Deploy.Observability;

/// <summary>
/// One CloudWatch dashboard for the whole shop: traffic, p99 latency and 5xx per service, every queue's depth and
/// oldest message, every dead-letter queue, every outbox's backlog, and the alarms' states.
/// </summary>
public sealed class DashboardStack : Stack
{
    public DashboardStack(Construct scope, string id, IStackProps props, DeploySettings settings, ServicesStack services, MessagingStack messaging)
        : base(scope, id, props)
    {
        var balancer = services.Entrance.LoadBalancer.LoadBalancerFullName;
        var cluster = Naming.Cluster(settings);
        var behind = ShopServices.BehindGateway.ToArray();

        Metric ServiceConnect(string name, string statistic, ShopServiceDefinition service) =>
            ShopMetrics.ServiceConnect(name, statistic, cluster, Naming.Service(settings, service), service.Name).With(new MetricOptions { Label = service.Name });

        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = settings.Prefix });
        dashboard.AddWidgets(
            Graph("Requests", [ShopMetrics.LoadBalancer("RequestCount", "Sum", balancer).With(new MetricOptions { Label = "gateway" }), .. behind.Select(s => ServiceConnect("RequestCount", "Sum", s))]),
            Graph("p99 latency (gateway s, services ms)", [ShopMetrics.LoadBalancer("TargetResponseTime", "p99", balancer).With(new MetricOptions { Label = "gateway" }), .. behind.Select(s => ServiceConnect("TargetResponseTime", "p99", s))]),
            Graph("5xx", [
                ShopMetrics.LoadBalancer("HTTPCode_Target_5XX_Count", "Sum", balancer).With(new MetricOptions { Label = "gateway" }),
                ShopMetrics.LoadBalancer("HTTPCode_ELB_5XX_Count", "Sum", balancer).With(new MetricOptions { Label = "load balancer" }),
                .. behind.Select(s => ServiceConnect("HTTPCode_Target_5XX_Count", "Sum", s))]));
        dashboard.AddWidgets(
            Graph("Queue depth", QueueMetrics(messaging.Queues, "ApproximateNumberOfMessagesVisible", "Maximum")),
            Graph("Oldest message (s)", QueueMetrics(messaging.Queues, "ApproximateAgeOfOldestMessage", "Maximum")),
            Graph("Dead-letter queues", QueueMetrics(messaging.DeadLetterQueues, "ApproximateNumberOfMessagesVisible", "Maximum")));
        dashboard.AddWidgets(
            Graph("Outbox backlog", ShopTopology.Services.Where(s => s.Publishes is not null)
                .Select(s => ShopMetrics.OutboxBacklog(s.Service).With(new MetricOptions { Label = s.Service })).ToArray()),
            new AlarmStatusWidget(new AlarmStatusWidgetProps
            {
                Title = "Alarms",
                Width = 16,
                Alarms = [.. services.Alarms.Values.SelectMany(alarms => alarms.All)],
            }));
    }

    private static IMetric[] QueueMetrics(IReadOnlyDictionary<string, Amazon.CDK.AWS.SQS.Queue> queues, string name, string statistic) =>
        [.. queues.Select(queue => ShopMetrics.Queue(name, statistic, queue.Value).With(new MetricOptions { Label = queue.Key }))];

    private static GraphWidget Graph(string title, IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Left = metrics,
        Width = 8,
        Height = 6,
    });
}

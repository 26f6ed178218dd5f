using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.SQS;

namespace Shop.Deploy.Observability;

/// <summary>
/// The CloudWatch metrics alarms, scaling and the dashboard read: the load balancer's for the gateway, Service
/// Connect's (namespace AWS/ECS, per discovery name) for the services behind it, SQS's per queue, Container
/// Insights' task counts, and the services' own outbox gauges (namespace Shop, from the collector).
/// </summary>
public static class ShopMetrics
{
    public static Duration Period => Duration.Minutes(1);

    public static Metric LoadBalancer(string name, string statistic, string loadBalancerFullName) =>
        Metric("AWS/ApplicationELB", name, statistic, new() { ["LoadBalancer"] = loadBalancerFullName });

    /// <summary>Service Connect's metrics of the service's endpoint (TargetResponseTime in milliseconds).</summary>
    public static Metric ServiceConnect(string name, string statistic, string cluster, string serviceName, string discoveryName) =>
        Metric("AWS/ECS", name, statistic, new() { ["ClusterName"] = cluster, ["ServiceName"] = serviceName, ["DiscoveryName"] = discoveryName });

    public static Metric Queue(string name, string statistic, Queue queue) =>
        Metric("AWS/SQS", name, statistic, new() { ["QueueName"] = queue.QueueName });

    public static Metric RunningTasks(string cluster, string serviceName) =>
        Metric("ECS/ContainerInsights", "RunningTaskCount", "Average", new() { ["ClusterName"] = cluster, ["ServiceName"] = serviceName });

    /// <summary>Events a service's outbox holds that SNS has not accepted yet (shop.messaging.outbox.backlog).</summary>
    public static Metric OutboxBacklog(string service) =>
        Metric("Shop", "shop.messaging.outbox.backlog", "Maximum", new() { ["service.name"] = service });

    private static Metric Metric(string metricNamespace, string name, string statistic, Dictionary<string, string> dimensions) => new(new MetricProps
    {
        Namespace = metricNamespace,
        MetricName = name,
        Statistic = statistic,
        DimensionsMap = dimensions,
        Period = Period,
    });
}

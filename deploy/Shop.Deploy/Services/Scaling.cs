using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using static Amazon.CDK.AWS.ApplicationAutoScaling.CfnScalingPolicy;

namespace Shop.Deploy.Services;

/// <summary>
/// Target tracking on a service's task count: CPU, and work per task (requests per task per minute, or queued
/// messages per task) computed with metric math from a total and Container Insights' running task count. A total
/// per task, unlike a target group's per-target count, survives blue/green (the target group alternates).
/// </summary>
public sealed class Scaling : Construct
{
    public const int MinimumTasks = 2;

    public const int MaximumTasks = 10;

    public const double CpuPercent = 60;

    private readonly ScalableTarget _target;

    public Scaling(Construct scope, string id, string cluster, string serviceName)
        : base(scope, id)
    {
        _target = new ScalableTarget(this, "Target", new ScalableTargetProps
        {
            ServiceNamespace = ServiceNamespace.ECS,
            ResourceId = $"service/{cluster}/{serviceName}",
            ScalableDimension = "ecs:service:DesiredCount",
            MinCapacity = MinimumTasks,
            MaxCapacity = MaximumTasks,
        });
        _target.ScaleToTrackMetric("Cpu", new BasicTargetTrackingScalingPolicyProps
        {
            PredefinedMetric = PredefinedMetric.ECS_SERVICE_AVERAGE_CPU_UTILIZATION,
            TargetValue = CpuPercent,
        });
    }

    /// <summary>Keeps <paramref name="total"/> / running tasks near <paramref name="perTask"/>.</summary>
    public void TrackPerTask(string id, Metric total, Metric runningTasks, double perTask) => _ = new CfnScalingPolicy(this, id, new CfnScalingPolicyProps
    {
        PolicyName = $"{Node.Path.Replace('/', '-')}-{id}",
        PolicyType = "TargetTrackingScaling",
        ScalingTargetId = _target.ScalableTargetId,
        TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfigurationProperty
        {
            TargetValue = perTask,
            ScaleOutCooldown = 60,
            ScaleInCooldown = 300,
            CustomizedMetricSpecification = new CustomizedMetricSpecificationProperty
            {
                Metrics = new object[]
                {
                    Query("total", total),
                    Query("tasks", runningTasks),
                    new TargetTrackingMetricDataQueryProperty { Id = "perTask", Expression = "total / tasks", Label = $"{id} per task", ReturnData = true },
                },
            },
        },
    });

    private static TargetTrackingMetricDataQueryProperty Query(string queryId, Metric metric) => new()
    {
        Id = queryId,
        ReturnData = false,
        MetricStat = new TargetTrackingMetricStatProperty
        {
            Stat = metric.Statistic,
            Metric = new TargetTrackingMetricProperty
            {
                Namespace = metric.Namespace,
                MetricName = metric.MetricName,
                Dimensions = metric.Dimensions?.Select(d => (object)new TargetTrackingMetricDimensionProperty { Name = d.Key, Value = d.Value.ToString() }).ToArray(),
            },
        },
    };
}

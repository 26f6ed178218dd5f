using Amazon.SQS;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Contracts.Topology;

namespace Shop.Messaging;

/// <summary>Ready only when the service's queue answers.</summary>
internal sealed class QueueHealthCheck(IAmazonSQS sqs, MessagingResources resources, ServiceTopology topology) : IHealthCheck
{
    /// <summary>A probe should hear "not ready" quickly rather than time out while the queue does not answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queue = topology.Consumes!.Name;
        try
        {
            var url = await resources.QueueUrlAsync(queue, cancellationToken);
            await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"], cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Queue {resources.PhysicalName(queue)} does not answer.", ex);
        }
    }
}

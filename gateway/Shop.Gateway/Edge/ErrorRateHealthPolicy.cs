using System.Collections.Concurrent;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Shop.Gateway.Edge;

/// <summary>
/// Passive health check policy <c>ConsecutiveErrors</c>: a destination that fails
/// <see cref="Threshold"/> proxied requests in a row, by a transport error or a 5xx answer, is taken out for the
/// cluster's <c>ReactivationPeriod</c> (default 30 s). YARP's own policy counts transport failures only.
/// </summary>
public sealed class ErrorRateHealthPolicy(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "ConsecutiveErrors";
    public const int Threshold = 3;
    private static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<DestinationState, int> _failuresInARow = new();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failed = context.GetForwarderErrorFeature() is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError;
        if (!failed)
        {
            _failuresInARow[destination] = 0;
            return;
        }

        if (_failuresInARow.AddOrUpdate(destination, 1, (_, count) => count + 1) >= Threshold)
        {
            _failuresInARow[destination] = 0;
            var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivationPeriod;
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
        }
    }
}

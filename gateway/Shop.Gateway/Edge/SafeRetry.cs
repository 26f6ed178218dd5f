using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Shop.Gateway.Edge;

/// <summary>
/// A safe request (GET, HEAD, OPTIONS) that a destination failed before answering (connection refused or reset,
/// no response headers) is sent to another available destination of its cluster, each tried at most once. Placed
/// before load balancing in the proxy pipeline, so every attempt picks among those not tried yet.
/// </summary>
public static class SafeRetry
{
    public static async Task RetryElsewhere(HttpContext context, Func<Task> next)
    {
        if (!IsSafe(context.Request.Method))
        {
            await next();
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows AvailableDestinations to the one it picked; keep the whole choice.
        var candidates = proxy.AvailableDestinations;
        var tried = new HashSet<DestinationState>();
        while (true)
        {
            await next();
            var error = context.GetForwarderErrorFeature()?.Error;
            if (error is not (ForwarderError.Request or ForwarderError.ResponseHeaders)
                || context.Response.HasStarted
                || proxy.ProxiedDestination is not { } failed)
            {
                return;
            }

            tried.Add(failed);
            var untried = candidates.Where(destination => !tried.Contains(destination)).ToList();
            if (untried.Count == 0)
            {
                return;
            }

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            proxy.AvailableDestinations = untried;
        }
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}

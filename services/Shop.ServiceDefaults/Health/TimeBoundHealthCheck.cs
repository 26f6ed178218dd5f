using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.ServiceDefaults.Health;

/// <summary>
/// Ends a check at its registration's timeout even when the check does not stop on cancellation: a database
/// connection attempt resolving a host name, for one, ignores its token until the resolver gives up (seconds). The
/// abandoned check runs to its end in the background; its outcome is dropped. (The health check service's own
/// timeout only cancels the token, and then waits for the check to notice.)
/// </summary>
internal sealed class TimeBoundHealthCheck(IHealthCheck inner, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var check = inner.CheckHealthAsync(context, cancellationToken);
        try
        {
            return await check.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && !check.IsCompleted)
        {
            _ = check.ContinueWith(abandoned => abandoned.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer within {timeout.TotalSeconds:0.#} s.");
        }
    }
}

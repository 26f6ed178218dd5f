using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;

namespace Shop.Messaging.Provisioning;

/// <summary>
/// Provisions the service's topology before the consumer and the dispatcher start, when Messaging:Provision is on.
/// An emulator that is still starting fails transiently: provisioning retries with backoff (it is the one retry
/// layer of this call path) and gives up after <see cref="MaxAttempts"/>, which stops the start.
/// </summary>
internal sealed partial class ProvisionOnStart(
    TopologyProvisioner provisioner,
    IEnumerable<IProvisioningStep> extraSteps,
    ServiceTopology topology,
    IOptions<MessagingOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<ProvisionOnStart> logger) : IHostedService
{
    public const int MaxAttempts = 6;

    private static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ProvisionsIn(environment))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProvisionAsync(cancellationToken);
                LogProvisioned(logger, topology.Service, options.Value.Prefix);
                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && TransientFailure.Is(ex) && !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Delay(attempt, RetryBaseDelay, RetryMaxDelay);
                LogRetrying(logger, ex, attempt, MaxAttempts, delay.TotalSeconds);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        await provisioner.ProvisionAsync(topology, options.Value.VisibilityTimeout, cancellationToken);
        foreach (var step in extraSteps)
        {
            await step.ProvisionAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned the messaging topology of {Service} with prefix {Prefix}")]
    private static partial void LogProvisioned(ILogger logger, string service, string prefix);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning attempt {Attempt} of {MaxAttempts} failed; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt, int maxAttempts, double delaySeconds);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Contracts.Topology;

namespace Shop.Messaging.Provisioning;

/// <summary>Provisions the service's topology before the consumer and the dispatcher start, when Messaging:Provision is on.</summary>
internal sealed partial class ProvisionOnStart(
    TopologyProvisioner provisioner,
    IEnumerable<IProvisioningStep> extraSteps,
    ServiceTopology topology,
    IOptions<MessagingOptions> options,
    IHostEnvironment environment,
    ILogger<ProvisionOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(options.Value.Provision ?? environment.IsDevelopment()))
        {
            return;
        }

        await provisioner.ProvisionAsync(topology, options.Value.VisibilityTimeout, cancellationToken);
        foreach (var step in extraSteps)
        {
            await step.ProvisionAsync(cancellationToken);
        }

        LogProvisioned(logger, topology.Service, options.Value.Prefix);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned the messaging topology of {Service} with prefix {Prefix}")]
    private static partial void LogProvisioned(ILogger logger, string service, string prefix);
}

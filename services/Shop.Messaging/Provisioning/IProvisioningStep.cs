namespace Shop.Messaging.Provisioning;

/// <summary>Something else a service's messaging needs created locally, e.g. a DynamoDB inbox table.</summary>
public interface IProvisioningStep
{
    Task ProvisionAsync(CancellationToken cancellationToken);
}

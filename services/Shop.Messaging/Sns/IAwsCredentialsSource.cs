using Amazon.Runtime;

namespace Shop.Messaging.Sns;

/// <summary>Where the SNS client gets the credentials it signs each request with.</summary>
public interface IAwsCredentialsSource
{
    Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}

using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Shop.Messaging.Sns;

/// <summary>
/// The AWS SDK's default credential chain (environment, profiles, web identity / EKS pod identity, ECS task role,
/// EC2 instance profile). The SDK caches what it resolves and the credentials refresh themselves, so asking on
/// every request is cheap; asking late means a missing identity fails the first request, not start-up.
/// </summary>
public sealed class DefaultAwsCredentialsSource : IAwsCredentialsSource
{
    public Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null);
}

using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shop.Messaging.Aws;
using Shop.Messaging.Sns;

namespace Shop.Messaging.Tests.Sns;

/// <summary>An <see cref="SnsQueryClient"/> wired to a stub handler, fixed credentials and (usually) a fake clock.</summary>
internal static class TestSns
{
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:shop-test-ordering-events";
    public static readonly Uri Endpoint = new("http://sns.test:4566/");

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public static SnsQueryClient Client(StubSnsHandler handler, TimeProvider? time = null) =>
        new(
            new HttpClient(handler),
            new AwsSettings("us-east-1", Endpoint),
            new FixedCredentials(),
            time ?? new FakeTimeProvider(),
            Options.Create(new SnsClientOptions { AttemptTimeout = AttemptTimeout }));

    public static SnsBatchEntry Entry(string id, string body) => new(id, body, new Dictionary<string, string>());

    private sealed class FixedCredentials : IAwsCredentialsSource
    {
        public Task<AWSCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<AWSCredentials>(new BasicAWSCredentials("AKIDTEST", "secret"));
    }
}

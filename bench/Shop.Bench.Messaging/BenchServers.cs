using Amazon.Runtime;
using Amazon.SQS;
using Shop.LocalServers;
using Shop.Messaging.Aws;

namespace Shop.Bench.Messaging;

/// <summary>The one throwaway PostgreSQL and the one moto server that every round of both sides runs against.</summary>
public sealed class BenchServers : IAsyncDisposable
{
    public const string Region = "us-east-1";
    private const string AccessKeyId = "test";
    private const string SecretAccessKey = "test";

    private BenchServers(LocalPostgres postgres, LocalMoto moto)
    {
        Postgres = postgres;
        Moto = moto;
        Observer = CreateSqsClient(requests: null);
    }

    public LocalPostgres Postgres { get; }

    public LocalMoto Moto { get; }

    /// <summary>The postmaster's process id: the first line of <c>postmaster.pid</c>.</summary>
    public int PostgresProcessId => int.Parse(File.ReadLines(Path.Combine(Postgres.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The benchmark's own SQS client (set-up and backlog samples); its requests count for neither side.</summary>
    public AmazonSQSClient Observer { get; }

    /// <summary>The standard AWS settings a node reads, pointing at this moto server.</summary>
    public IReadOnlyDictionary<string, string?> AwsEnvironment => new Dictionary<string, string?>
    {
        [AwsOptions.EndpointUrlKey] = Moto.Endpoint.ToString(),
        [AwsOptions.RegionKey] = Region,
    };

    public static async Task<BenchServers> StartAsync(CancellationToken cancellationToken)
    {
        // The nodes resolve credentials through the SDK's default chain, which reads these first. Everything here
        // talks to the local moto server only, which accepts any key; this process's environment only.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);

        var postgres = await LocalPostgres.StartAsync(cancellationToken);
        try
        {
            return new BenchServers(postgres, await StartMotoAsync(cancellationToken));
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>A plain SDK client for the moto endpoint, configured as the messaging layer configures its own; counted when <paramref name="requests"/> is given.</summary>
    public AmazonSQSClient CreateSqsClient(RequestCounter? requests)
    {
        var config = new AwsSettings(Region, Moto.Endpoint).CreateSqsConfig();
        if (requests is not null)
        {
            config.HttpClientFactory = requests.SdkFactory();
        }

        return new AmazonSQSClient(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config);
    }

    /// <summary>Messages in the queue, visible or in flight.</summary>
    public async Task<int> QueueDepthAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Observer.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>A prefix no other round uses, so no queue, topic or backlog carries over.</summary>
    public static string NewPrefix(string side, int round) => $"bench-{side.Replace(' ', '-')}{round}-{Guid.NewGuid().ToString("N")[..6]}";

    public async ValueTask DisposeAsync()
    {
        Observer.Dispose();
        try
        {
            await Moto.DisposeAsync();
        }
        finally
        {
            await Postgres.DisposeAsync();
        }
    }

    private static async Task<LocalMoto> StartMotoAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LocalMoto.StartAsync(FreePort.Next(), cancellationToken: cancellationToken);
            }
            catch (InvalidOperationException) when (attempt < 3 && LocalMoto.IsAvailable())
            {
                // Most likely another process took the free port before moto bound it; try another.
            }
        }
    }
}

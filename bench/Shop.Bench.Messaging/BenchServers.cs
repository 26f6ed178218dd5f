using Amazon.Runtime;
using Amazon.SQS;
using Shop.LocalRunner;
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
    }

    public LocalPostgres Postgres { get; }

    public LocalMoto Moto { get; }

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

    /// <summary>A plain SDK client for the moto endpoint, configured exactly as the messaging layer configures its own.</summary>
    public AmazonSQSClient CreateSqsClient() =>
        new(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), new AwsSettings(Region, Moto.Endpoint).CreateSqsConfig());

    /// <summary>A prefix no other round uses, so no queue, topic or backlog carries over.</summary>
    public static string NewPrefix(string side, int round) => $"bench-{side}{round}-{Guid.NewGuid().ToString("N")[..6]}";

    public async ValueTask DisposeAsync()
    {
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

using Amazon.Runtime;
using Amazon.SQS;
using Shop.LocalServers;
using Xunit;

namespace Shop.TestSupport;

/// <summary>
/// An AWS emulator (SNS, SQS...) for a test class or collection: the endpoint in SHOP_TEST_AWS_ENDPOINT, or else a
/// moto_server started on a free loopback port (<see cref="LocalMoto"/>) and stopped on dispose.
/// Share one per class or collection: moto is slow, and every test should name its topics and queues uniquely.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public const string EndpointVariable = "SHOP_TEST_AWS_ENDPOINT";
    public const string AccessKeyId = "test";
    public const string SecretAccessKey = "test";
    private const int StartAttempts = 3;

    private LocalMoto? _moto;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public string Region { get; } = "us-east-1";

    /// <summary>Which emulator is used, for test output.</summary>
    public string Description { get; private set; } = "";

    /// <summary>The standard AWS variables for a host under test, e.g. for <c>AddInMemoryCollection</c> or a process environment.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString(),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
    };

    public async ValueTask InitializeAsync()
    {
        UseTestCredentialsUnlessSet();
        if (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint)
        {
            Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var url)
                ? url
                : throw new InvalidOperationException($"{EndpointVariable} must be an absolute URL; got '{endpoint}'.");
            Description = $"AWS emulator at {Endpoint} from {EndpointVariable}";
        }
        else
        {
            _moto = await StartMotoAsync();
            Endpoint = _moto.Endpoint;
            Description = $"moto_server on {Endpoint} (pid {_moto.Process.ProcessId})";
        }

        TestContext.Current.SendDiagnosticMessage("MotoFixture: {0}", Description);
    }

    /// <summary>An SQS client for the emulator with explicit test credentials; the caller disposes it.</summary>
    public AmazonSQSClient CreateSqsClient() =>
        new(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), new AmazonSQSConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = Region });

    public async ValueTask DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    // Code under test resolves credentials through the SDK's default chain, which reads these variables first.
    // Without them it would fall through to ~/.aws profiles (a developer's real account) or the EC2/ECS metadata
    // endpoints (seconds of timeouts on a laptop or CI); the emulator accepts any key. Values already set are kept.
    private static void UseTestCredentialsUnlessSet()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
        }
    }

    private static async Task<LocalMoto> StartMotoAsync()
    {
        if (!LocalMoto.IsAvailable())
        {
            throw new InvalidOperationException(
                $"No AWS emulator: {LocalMoto.Executable} is not on PATH (pip install 'moto[server]') and {EndpointVariable} is not set.");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LocalMoto.StartAsync(FreePort.Next(), cancellationToken: TestContext.Current.CancellationToken);
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Most likely another process took the free port before moto bound it; try another.
            }
        }
    }
}

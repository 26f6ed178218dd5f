using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;

namespace Shop.Messaging.Sns;

/// <summary>
/// <see cref="ISnsClient"/> over the SNS Query API (form POST, XML answers), signed with SigV4 by AWSSDK.Core.
/// Each call is one request bounded by <see cref="SnsClientOptions.AttemptTimeout"/>; retrying is the caller's
/// (see <see cref="TransientFailure"/>). SNS errors throw <see cref="SnsException"/>, network errors an
/// <see cref="HttpRequestException"/> and a request that gets no answer in time a <see cref="TimeoutException"/>.
/// </summary>
public sealed class SnsQueryClient : ISnsClient
{
    public const string ServiceName = "sns";
    public const int MaxBatchSize = 10;

    private readonly HttpClient _http;
    private readonly RegionEndpoint _region;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly Uri _endpoint;

    public SnsQueryClient(
        HttpClient http,
        AwsSettings settings,
        IAwsCredentialsSource credentials,
        TimeProvider time,
        IOptions<SnsClientOptions> options)
    {
        _http = http;
        _region = settings.RegionEndpoint;
        _credentials = credentials;
        _time = time;
        _attemptTimeout = options.Value.AttemptTimeout;
        _endpoint = settings.EndpointFor(ServiceName);
    }

    public async Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken)
    {
        const string action = "CreateTopic";
        var result = await SendAsync(action, SnsRequestForm.CreateTopic(name), cancellationToken);
        return SnsResponse.RequiredValue(action, result, "TopicArn");
    }

    public async Task<SnsBatchResult> PublishBatchAsync(string topicArn, IReadOnlyList<SnsBatchEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count is 0 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"PublishBatch takes 1 to {MaxBatchSize} entries.");
        }

        var result = await SendAsync("PublishBatch", SnsRequestForm.PublishBatch(topicArn, entries), cancellationToken);
        return SnsResponse.BatchResult(result);
    }

    public async Task<string> SubscribeAsync(
        string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        const string action = "Subscribe";
        var result = await SendAsync(action, SnsRequestForm.Subscribe(topicArn, protocol, endpoint, attributes), cancellationToken);
        return SnsResponse.RequiredValue(action, result, "SubscriptionArn");
    }

    public Task SetSubscriptionAttributesAsync(string subscriptionArn, string name, string value, CancellationToken cancellationToken) =>
        SendAsync("SetSubscriptionAttributes", SnsRequestForm.SetSubscriptionAttributes(subscriptionArn, name, value), cancellationToken);

    private async Task<XElement?> SendAsync(string action, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(SnsRequestForm.Encode(form));
        using var timeout = new CancellationTokenSource(_attemptTimeout, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", SnsRequestForm.ContentType);
        try
        {
            await SignAsync(request, body, attempt.Token);
            using var response = await _http.SendAsync(request, attempt.Token);
            var text = await response.Content.ReadAsStringAsync(attempt.Token);
            return response.IsSuccessStatusCode
                ? SnsResponse.Result(action, response.StatusCode, text)
                : throw SnsResponse.Error(action, response.StatusCode, text);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"SNS {action} did not answer within {_attemptTimeout.TotalSeconds} s ({_endpoint}).", e);
        }
    }

    private async Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = request.RequestUri, Content = body };
        signing.Headers["Content-Type"] = SnsRequestForm.ContentType;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = await _credentials.GetCredentialsAsync(cancellationToken),
            Region = _region,
            Service = ServiceName,
            // The injected clock rather than the SDK's, so that tests can check the signature's date.
            SignedAt = _time.GetUtcNow().UtcDateTime,
        };

        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken);
        foreach (var (name, value) in signed.Headers)
        {
            // Content-Type is signed but already on the content.
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}

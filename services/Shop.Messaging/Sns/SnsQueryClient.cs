using System.Text;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;

namespace Shop.Messaging.Sns;

/// <summary>
/// <see cref="ISnsClient"/> over the SNS Query API (form POST, XML answers), signed with SigV4 by AWSSDK.Core.
/// Throttling, 5xx answers, network errors and attempt timeouts are retried (see <see cref="SnsRetryOptions"/>), each
/// attempt signed anew. When retries run out, SNS errors throw <see cref="SnsException"/>, network errors the last
/// <see cref="HttpRequestException"/> and timeouts a <see cref="TimeoutException"/>.
/// </summary>
public sealed class SnsQueryClient : ISnsClient
{
    public const string ServiceName = "sns";
    public const int MaxBatchSize = 10;

    private readonly HttpClient _http;
    private readonly RegionEndpoint _region;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _time;
    private readonly SnsRetryOptions _retry;
    private readonly ILogger<SnsQueryClient> _logger;
    private readonly Uri _endpoint;

    public SnsQueryClient(
        HttpClient http,
        AwsSettings settings,
        IAwsCredentialsSource credentials,
        TimeProvider time,
        IOptions<SnsRetryOptions> retry,
        ILogger<SnsQueryClient> logger)
    {
        _http = http;
        _region = settings.RegionEndpoint;
        _credentials = credentials;
        _time = time;
        _retry = retry.Value;
        _logger = logger;
        _endpoint = settings.EndpointFor(ServiceName);
    }

    public async Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken)
    {
        const string action = "CreateTopic";
        var result = await SendAsync(action, SnsRequestForm.CreateTopic(name), cancellationToken);
        return SnsResponse.RequiredValue(action, result, "TopicArn");
    }

    public async Task<string> PublishAsync(string topicArn, SnsMessage message, CancellationToken cancellationToken)
    {
        const string action = "Publish";
        var result = await SendAsync(action, SnsRequestForm.Publish(topicArn, message), cancellationToken);
        return SnsResponse.RequiredValue(action, result, "MessageId");
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(action, body, attempt, cancellationToken);
            }
            catch (Exception e) when (attempt < _retry.MaxAttempts && SnsRetryPolicy.IsTransient(e, cancellationToken))
            {
                var delay = _retry.BackoffCeiling(attempt) * Random.Shared.NextDouble();
                SnsLog.Retrying(_logger, action, attempt, _retry.MaxAttempts, Reason(e), (long)delay.TotalMilliseconds, e);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private async Task<XElement?> SendOnceAsync(string action, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_retry.AttemptTimeout, _time);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", SnsRequestForm.ContentType);
        try
        {
            await SignAsync(request, body, attemptToken.Token);
            using var response = await _http.SendAsync(request, attemptToken.Token);
            var text = await response.Content.ReadAsStringAsync(attemptToken.Token);
            return response.IsSuccessStatusCode
                ? SnsResponse.Result(action, response.StatusCode, text, attempt)
                : throw SnsResponse.Error(action, response.StatusCode, text, attempt);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"SNS {action} did not answer within {_retry.AttemptTimeout.TotalSeconds} s ({_endpoint}).", e);
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
            // The injected clock rather than the SDK's: tests can then see that every attempt is signed anew.
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

    private static string Reason(Exception e) => e switch
    {
        SnsException sns => $"{(int)sns.StatusCode} {sns.Code}",
        OperationCanceledException or TimeoutException => "timed out",
        _ => e.Message,
    };
}

using System.Net;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;
using Shop.Messaging.Sns;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

/// <summary>
/// The SNS client against a real moto server (the assembly's <see cref="MotoFixture"/>), delivering to SQS queues
/// created with the AWS SDK. Every test uses its own topic and queue.
/// </summary>
public sealed class SnsMotoTests : IDisposable
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);
    private readonly AwsSettings _settings;
    private readonly AmazonSQSClient _sqs;
    private readonly SnsQueryClient _sns;

    public SnsMotoTests(MotoFixture moto)
    {
        _settings = AwsSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(moto.Settings).Build());
        _sqs = new AmazonSQSClient(_settings.CreateSqsConfig());
        _sns = new SnsQueryClient(
            new HttpClient(new SocketsHttpHandler { UseProxy = false }),
            _settings,
            new DefaultAwsCredentialsSource(),
            TimeProvider.System,
            Options.Create(new SnsClientOptions()));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task Creating_a_topic_twice_returns_the_same_arn()
    {
        var name = UniqueName("topic");

        var first = await _sns.CreateTopicAsync(name, Cancellation);
        var second = await _sns.CreateTopicAsync(name, Cancellation);

        first.ShouldBe($"arn:aws:sns:{_settings.Region}:123456789012:{name}");
        second.ShouldBe(first);
    }

    [Fact]
    public async Task A_raw_filtered_subscription_receives_exactly_the_matching_batch_entries_with_their_attributes()
    {
        var topicArn = await _sns.CreateTopicAsync(UniqueName("topic"), Cancellation);
        var (queueUrl, queueArn) = await CreateQueueAsync();
        await SubscribeAsync(topicArn, queueArn, "OrderPlaced");
        var entries = Enumerable.Range(1, 10)
            .Select(i => Entry($"e{i}", i % 3 == 0 ? "OrderPlaced" : "OrderCancelled"))
            .ToList();

        var result = await _sns.PublishBatchAsync(topicArn, entries, Cancellation);

        result.Succeeded.ShouldBe(entries.Select(e => e.Id), ignoreOrder: true);
        result.Failed.ShouldBeEmpty();
        var received = await ReceiveAsync(queueUrl, expected: 3);
        received.Select(m => m.Body).ShouldBe(["""{"entry":"e3"}""", """{"entry":"e6"}""", """{"entry":"e9"}"""], ignoreOrder: true);
        foreach (var message in received)
        {
            message.MessageAttributes["type"].StringValue.ShouldBe("OrderPlaced");
            message.MessageAttributes["type"].DataType.ShouldBe("String");
            message.Body.ShouldBe(entries.Single(e => e.Id == message.MessageAttributes["id"].StringValue).Body);
        }
    }

    [Fact]
    public async Task Setting_a_new_filter_policy_changes_which_messages_the_queue_receives()
    {
        var topicArn = await _sns.CreateTopicAsync(UniqueName("topic"), Cancellation);
        var (queueUrl, queueArn) = await CreateQueueAsync();
        var subscriptionArn = await SubscribeAsync(topicArn, queueArn, "OrderPlaced");

        await _sns.SetSubscriptionAttributesAsync(subscriptionArn, "FilterPolicy", """{"type":["OrderCancelled"]}""", Cancellation);
        await _sns.PublishBatchAsync(topicArn, [Entry("placed", "OrderPlaced"), Entry("cancelled", "OrderCancelled")], Cancellation);

        (await ReceiveAsync(queueUrl, expected: 1)).ShouldHaveSingleItem().Body.ShouldBe("""{"entry":"cancelled"}""");
    }

    [Fact]
    public async Task Publishing_to_a_topic_that_does_not_exist_throws_NotFound()
    {
        var missingTopic = $"arn:aws:sns:{_settings.Region}:123456789012:{UniqueName("missing")}";

        var error = await Should.ThrowAsync<SnsException>(() => _sns.PublishBatchAsync(missingTopic, [Entry("x", "OrderPlaced")], Cancellation));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Code.ShouldBe("NotFound");
        error.Message.ShouldContain("(request id ");
        error.Message.ShouldStartWith("SNS PublishBatch failed: 404 NotFound: ");
    }

    [Fact]
    public async Task A_batch_entry_moto_refuses_comes_back_as_failed_while_the_others_are_delivered()
    {
        // moto checks each entry on its own (real SNS refuses a batch over 256 KiB as a whole), which makes
        // a partial failure easy to provoke: one message longer than SNS's 256 KiB limit.
        var topicArn = await _sns.CreateTopicAsync(UniqueName("topic"), Cancellation);
        var (queueUrl, queueArn) = await CreateQueueAsync();
        await _sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" }, Cancellation);
        SnsBatchEntry[] entries = [Entry("ok", "OrderPlaced"), new("too-long", new string('x', 256 * 1024 + 1), new Dictionary<string, string>())];

        var result = await _sns.PublishBatchAsync(topicArn, entries, Cancellation);

        result.Succeeded.ShouldBe(["ok"]);
        var failure = result.Failed.ShouldHaveSingleItem();
        failure.Id.ShouldBe("too-long");
        failure.Code.ShouldBe("InvalidParameter");
        failure.Message.ShouldContain("too long");
        failure.SenderFault.ShouldBeTrue();
        (await ReceiveAsync(queueUrl, expected: 1)).ShouldHaveSingleItem().Body.ShouldBe("""{"entry":"ok"}""");
    }

    private async Task<(string Url, string Arn)> CreateQueueAsync()
    {
        var url = (await _sqs.CreateQueueAsync(UniqueName("queue"), Cancellation)).QueueUrl;
        var attributes = await _sqs.GetQueueAttributesAsync(url, ["QueueArn"], Cancellation);
        return (url, attributes.QueueARN);
    }

    private Task<string> SubscribeAsync(string topicArn, string queueArn, string type) =>
        _sns.SubscribeAsync(
            topicArn,
            "sqs",
            queueArn,
            new Dictionary<string, string> { ["RawMessageDelivery"] = "true", ["FilterPolicy"] = $$"""{"type":["{{type}}"]}""" },
            Cancellation);

    /// <summary>Receives until <paramref name="expected"/> messages arrived, then checks that no more follow.</summary>
    private async Task<List<Message>> ReceiveAsync(string queueUrl, int expected)
    {
        var received = new List<Message>();
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            received.AddRange(await ReceiveOnceAsync(queueUrl));
        }

        received.Count.ShouldBe(expected, $"messages within {DeliveryTimeout.TotalSeconds} s");
        (await ReceiveOnceAsync(queueUrl)).ShouldBeEmpty("no message beyond the expected ones");
        return received;
    }

    private async Task<List<Message>> ReceiveOnceAsync(string queueUrl)
    {
        var response = await _sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] },
            Cancellation);
        return response.Messages ?? [];
    }

    private static SnsBatchEntry Entry(string id, string type) =>
        new(id, $$"""{"entry":"{{id}}"}""", new Dictionary<string, string> { ["type"] = type, ["id"] = id });

    private static string UniqueName(string kind) => $"sns-test-{kind}-{Guid.NewGuid():N}"[..40];
}

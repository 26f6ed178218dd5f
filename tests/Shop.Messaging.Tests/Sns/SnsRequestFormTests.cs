using System.Net;
using System.Security.Cryptography;
using System.Text;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

public sealed class SnsRequestFormTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishBatch_numbers_the_entries_and_each_entrys_attributes_from_one()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.PublishBatch(["a", "b"]));
        SnsBatchEntry[] entries =
        [
            new("a", "body-a", new Dictionary<string, string> { ["type"] = "OrderPlaced" }),
            new("b", "body-b", new Dictionary<string, string> { ["type"] = "OrderCancelled", ["id"] = "e-2" }),
        ];

        await TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, entries, Cancellation);

        handler.Requests.Single().Form.ShouldBe(new Dictionary<string, string>
        {
            ["Action"] = "PublishBatch",
            ["Version"] = "2010-03-31",
            ["TopicArn"] = TestSns.TopicArn,
            ["PublishBatchRequestEntries.member.1.Id"] = "a",
            ["PublishBatchRequestEntries.member.1.Message"] = "body-a",
            ["PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name"] = "type",
            ["PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType"] = "String",
            ["PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue"] = "OrderPlaced",
            ["PublishBatchRequestEntries.member.2.Id"] = "b",
            ["PublishBatchRequestEntries.member.2.Message"] = "body-b",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name"] = "type",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.DataType"] = "String",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Value.StringValue"] = "OrderCancelled",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.2.Name"] = "id",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.2.Value.DataType"] = "String",
            ["PublishBatchRequestEntries.member.2.MessageAttributes.entry.2.Value.StringValue"] = "e-2",
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task PublishBatch_refuses_an_empty_or_oversized_batch_without_calling_SNS(int count)
    {
        var handler = new StubSnsHandler();
        var entries = Enumerable.Range(1, count).Select(i => new SnsBatchEntry($"e{i}", "body", new Dictionary<string, string>())).ToList();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, entries, Cancellation));

        handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Subscribe_sends_attributes_as_key_value_entries_and_asks_for_the_subscription_arn()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.Subscribe(TestSns.TopicArn + ":sub-1"));
        var attributes = new Dictionary<string, string> { ["RawMessageDelivery"] = "true", ["FilterPolicy"] = """{"type":["OrderPlaced"]}""" };

        await TestSns.Client(handler).SubscribeAsync(TestSns.TopicArn, "sqs", "arn:aws:sqs:us-east-1:123456789012:catalog", attributes, Cancellation);

        handler.Requests.Single().Form.ShouldBe(new Dictionary<string, string>
        {
            ["Action"] = "Subscribe",
            ["Version"] = "2010-03-31",
            ["TopicArn"] = TestSns.TopicArn,
            ["Protocol"] = "sqs",
            ["Endpoint"] = "arn:aws:sqs:us-east-1:123456789012:catalog",
            ["ReturnSubscriptionArn"] = "true",
            ["Attributes.entry.1.key"] = "RawMessageDelivery",
            ["Attributes.entry.1.value"] = "true",
            ["Attributes.entry.2.key"] = "FilterPolicy",
            ["Attributes.entry.2.value"] = """{"type":["OrderPlaced"]}""",
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task CreateTopic_and_SetSubscriptionAttributes_send_their_parameters()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.CreateTopic(TestSns.TopicArn)).AnswerOk(SnsXml.SetSubscriptionAttributes());
        var client = TestSns.Client(handler);

        await client.CreateTopicAsync("shop-test-ordering-events", Cancellation);
        await client.SetSubscriptionAttributesAsync(TestSns.TopicArn + ":sub-1", "FilterPolicy", "{}", Cancellation);

        handler.Requests[0].Form.ShouldBe(
            new Dictionary<string, string> { ["Action"] = "CreateTopic", ["Version"] = "2010-03-31", ["Name"] = "shop-test-ordering-events" },
            ignoreOrder: true);
        handler.Requests[1].Form.ShouldBe(
            new Dictionary<string, string>
            {
                ["Action"] = "SetSubscriptionAttributes",
                ["Version"] = "2010-03-31",
                ["SubscriptionArn"] = TestSns.TopicArn + ":sub-1",
                ["AttributeName"] = "FilterPolicy",
                ["AttributeValue"] = "{}",
            },
            ignoreOrder: true);
    }

    [Fact]
    public async Task Values_are_percent_encoded_so_that_any_text_arrives_intact()
    {
        const string body = "a&b=c+d e%f\n{\"name\":\"Müller\"} 😀";
        var handler = new StubSnsHandler().AnswerOk(SnsXml.PublishBatch(["a"]));

        await TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", body)], Cancellation);

        var request = handler.Requests.Single();
        request.Form["PublishBatchRequestEntries.member.1.Message"].ShouldBe(body);
        request.Body.ShouldNotContain("+");
        request.Body.ShouldContain("%20");
    }

    [Fact]
    public async Task Requests_are_posted_to_the_endpoint_as_a_form_signed_for_sns_in_the_region()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.PublishBatch(["a"]));

        await TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", "hello")], Cancellation);

        var request = handler.Requests.Single();
        request.Method.ShouldBe(HttpMethod.Post);
        request.Uri.ShouldBe(TestSns.Endpoint);
        request.Headers["Content-Type"].ShouldBe("application/x-www-form-urlencoded; charset=utf-8");
        request.Headers["Authorization"].ShouldStartWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
        request.Headers["Authorization"].ShouldContain("/us-east-1/sns/aws4_request");
        request.Headers["Authorization"].ShouldContain("content-type");
        request.Headers["X-Amz-Content-SHA256"].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body))));
    }
}

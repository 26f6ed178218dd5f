using System.Net;
using Shop.Messaging.Sns;
using Shouldly;

namespace Shop.Messaging.Tests.Sns;

public sealed class SnsResponseParsingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTopic_and_Subscribe_return_the_arns_SNS_answers()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.CreateTopic(TestSns.TopicArn)).AnswerOk(SnsXml.Subscribe(TestSns.TopicArn + ":sub-1"));
        var client = TestSns.Client(handler);

        (await client.CreateTopicAsync("shop-test-ordering-events", Cancellation)).ShouldBe(TestSns.TopicArn);
        (await client.SubscribeAsync(TestSns.TopicArn, "sqs", "arn:aws:sqs:us-east-1:1:q", new Dictionary<string, string>(), Cancellation))
            .ShouldBe(TestSns.TopicArn + ":sub-1");
    }

    [Fact]
    public async Task SetSubscriptionAttributes_completes_on_a_response_without_a_result()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.SetSubscriptionAttributes());

        await TestSns.Client(handler).SetSubscriptionAttributesAsync(TestSns.TopicArn + ":sub-1", "RawMessageDelivery", "true", Cancellation);

        handler.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PublishBatch_returns_succeeded_ids_and_failed_entries_with_their_code_message_and_fault()
    {
        var handler = new StubSnsHandler().AnswerOk(SnsXml.PublishBatch(
            ["a", "c"],
            ("b", "InvalidParameter", "Invalid parameter: Message too long", true),
            ("d", "InternalError", "try again", false)));
        var entries = new[] { "a", "b", "c", "d" }.Select(id => new SnsBatchEntry(id, "body", new Dictionary<string, string>())).ToList();

        var result = await TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, entries, Cancellation);

        result.Succeeded.ShouldBe(["a", "c"]);
        result.Failed.ShouldBe(
        [
            new SnsBatchFailure("b", "InvalidParameter", "Invalid parameter: Message too long", SenderFault: true),
            new SnsBatchFailure("d", "InternalError", "try again", SenderFault: false),
        ]);
    }

    [Fact]
    public async Task An_error_response_throws_an_SnsException_saying_what_SNS_answered()
    {
        var handler = new StubSnsHandler().Answer(
            HttpStatusCode.BadRequest, SnsXml.Error("InvalidParameter", "Invalid parameter: TopicArn", requestId: "0a1b-request"));

        var error = await Should.ThrowAsync<SnsException>(() => TestSns.Client(handler).PublishBatchAsync("not-an-arn", [TestSns.Entry("a", "body")], Cancellation));

        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Code.ShouldBe("InvalidParameter");
        error.Message.ShouldBe("SNS PublishBatch failed: 400 InvalidParameter: Invalid parameter: TopicArn (request id 0a1b-request)");
    }

    [Fact]
    public async Task An_error_without_an_SNS_error_document_is_named_after_the_HTTP_status()
    {
        var handler = new StubSnsHandler().Answer(HttpStatusCode.Forbidden, "<html><body>Access denied by proxy</body></html>");

        var error = await Should.ThrowAsync<SnsException>(() => TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", "body")], Cancellation));

        error.Code.ShouldBe("Forbidden");
        error.Message.ShouldContain("403 Forbidden");
        error.Message.ShouldContain("Access denied by proxy");
    }

    [Fact]
    public async Task A_success_status_with_an_unexpected_document_throws_MalformedResponse()
    {
        var handler = new StubSnsHandler().AnswerOk("<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");

        var error = await Should.ThrowAsync<SnsException>(() => TestSns.Client(handler).PublishBatchAsync(TestSns.TopicArn, [TestSns.Entry("a", "body")], Cancellation));

        error.Code.ShouldBe("MalformedResponse");
        error.Message.ShouldContain("ListAllMyBucketsResult");
    }
}

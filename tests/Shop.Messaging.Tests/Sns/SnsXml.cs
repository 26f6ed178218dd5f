using System.Security;

namespace Shop.Messaging.Tests.Sns;

/// <summary>SNS Query API responses, shaped as SNS (and moto) send them.</summary>
internal static class SnsXml
{
    public const string Namespace = "http://sns.amazonaws.com/doc/2010-03-31/";

    public static string CreateTopic(string topicArn) =>
        Response("CreateTopic", $"<TopicArn>{topicArn}</TopicArn>");

    public static string Subscribe(string subscriptionArn) =>
        Response("Subscribe", $"<SubscriptionArn>{subscriptionArn}</SubscriptionArn>");

    public static string SetSubscriptionAttributes() =>
        $"""<SetSubscriptionAttributesResponse xmlns="{Namespace}"><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></SetSubscriptionAttributesResponse>""";

    public static string PublishBatch(IEnumerable<string> succeededIds, params (string Id, string Code, string Message, bool SenderFault)[] failed)
    {
        var successful = string.Concat(succeededIds.Select(id => $"<member><Id>{id}</Id><MessageId>msg-{id}</MessageId></member>"));
        var failures = string.Concat(failed.Select(f =>
            $"<member><Id>{f.Id}</Id><Code>{f.Code}</Code><Message>{SecurityElement.Escape(f.Message)}</Message>" +
            $"<SenderFault>{(f.SenderFault ? "true" : "false")}</SenderFault></member>"));
        return Response("PublishBatch", $"<Successful>{successful}</Successful><Failed>{failures}</Failed>");
    }

    public static string Error(string code, string message, string type = "Sender", string requestId = "req-err") =>
        $"""<ErrorResponse xmlns="{Namespace}"><Error><Type>{type}</Type><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>""";

    private static string Response(string action, string result) =>
        $"""<{action}Response xmlns="{Namespace}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></{action}Response>""";
}

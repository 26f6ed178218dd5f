using System.Text.Json.Nodes;
using Shop.Contracts.Topology;

namespace Shop.Deploy.Tests;

public sealed class MessagingStackTests
{
    private static readonly SynthesizedApp App = SynthesizedApp.For(DeploymentRoute.Ecs);

    private static JsonObject Template => App.JsonOf("messaging");

    [Fact]
    public void Every_queue_has_a_dead_letter_queue_after_five_receives()
    {
        var queues = Resources("AWS::SQS::Queue").ToDictionary(q => (string)q["Properties"]!["QueueName"]!, q => q);

        foreach (var definition in ShopTopology.Queues)
        {
            var queue = queues[App.Settings.PhysicalName(definition.Name)];
            var redrive = queue["Properties"]!["RedrivePolicy"]!;
            ((int)redrive["maxReceiveCount"]!).ShouldBe(QueueDefinition.MaxReceiveCount);
            var deadLetterId = (string)redrive["deadLetterTargetArn"]!["Fn::GetAtt"]![0]!;
            ((string)Template["Resources"]![deadLetterId]!["Properties"]!["QueueName"]!).ShouldBe(App.Settings.PhysicalName(definition.DeadLetterName));
        }

        queues.Count.ShouldBe(ShopTopology.Queues.Count * 2);
    }

    [Fact]
    public void Every_subscription_delivers_raw_with_the_topologys_filter_policy()
    {
        var logicalIds = Template["Resources"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!);
        var expected = ShopTopology.Queues.SelectMany(queue => queue.Subscriptions.Select(s => (Queue: queue.Name, Topic: s.Topic.Name, Types: s.EventTypeNames.Order().ToArray())));

        var actual = Resources("AWS::SNS::Subscription").Select(subscription =>
        {
            var properties = subscription["Properties"]!;
            ((string)properties["Protocol"]!).ShouldBe("sqs");
            ((bool)properties["RawMessageDelivery"]!).ShouldBeTrue();
            var queue = (string)logicalIds[(string)properties["Endpoint"]!["Fn::GetAtt"]![0]!]["Properties"]!["QueueName"]!;
            var topic = (string)logicalIds[(string)properties["TopicArn"]!["Ref"]!]["Properties"]!["TopicName"]!;
            var types = properties["FilterPolicy"]!["type"]!.AsArray().Select(t => (string)t!).Order().ToArray();
            return (Queue: queue, Topic: topic, Types: types);
        });

        actual.Select(Describe).Order().ShouldBe(expected.Select(e => Describe((App.Settings.PhysicalName(e.Queue), App.Settings.PhysicalName(e.Topic), e.Types))).Order());
    }

    [Fact]
    public void Topics_and_queues_are_encrypted_with_the_messaging_key()
    {
        Resources("AWS::SNS::Topic").ShouldAllBe(topic => topic["Properties"]!["KmsMasterKeyId"] != null);
        Resources("AWS::SQS::Queue").ShouldAllBe(queue => queue["Properties"]!["KmsMasterKeyId"] != null);
        Resources("AWS::SNS::Topic").Select(topic => (string)topic["Properties"]!["TopicName"]!).Order()
            .ShouldBe(ShopTopology.Topics.Select(topic => App.Settings.PhysicalName(topic.Name)).Order());
    }

    private static string Describe((string Queue, string Topic, string[] Types) s) => $"{s.Topic} -> {s.Queue}: {string.Join(",", s.Types)}";

    private static IEnumerable<JsonNode> Resources(string type) =>
        Template["Resources"]!.AsObject().Select(r => r.Value!).Where(r => (string)r["Type"]! == type);
}

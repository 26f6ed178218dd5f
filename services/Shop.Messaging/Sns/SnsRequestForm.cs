using System.Globalization;
using System.Text;

namespace Shop.Messaging.Sns;

/// <summary>The form-urlencoded parameters of the SNS Query API actions the shop uses.</summary>
internal static class SnsRequestForm
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private const string ApiVersion = "2010-03-31";

    public static List<KeyValuePair<string, string>> CreateTopic(string name) =>
        Action("CreateTopic", ("Name", name));

    public static List<KeyValuePair<string, string>> PublishBatch(string topicArn, IReadOnlyList<SnsBatchEntry> entries)
    {
        var form = Action("PublishBatch", ("TopicArn", topicArn));
        for (var i = 0; i < entries.Count; i++)
        {
            var prefix = $"PublishBatchRequestEntries.member.{Number(i + 1)}";
            form.Add(new($"{prefix}.Id", entries[i].Id));
            form.Add(new($"{prefix}.Message", entries[i].Body));
            AddMessageAttributes(form, $"{prefix}.MessageAttributes", entries[i].Attributes);
        }

        return form;
    }

    public static List<KeyValuePair<string, string>> Subscribe(
        string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string> attributes)
    {
        var form = Action(
            "Subscribe", ("TopicArn", topicArn), ("Protocol", protocol), ("Endpoint", endpoint), ("ReturnSubscriptionArn", "true"));
        var n = 0;
        foreach (var (key, value) in attributes)
        {
            n++;
            form.Add(new($"Attributes.entry.{Number(n)}.key", key));
            form.Add(new($"Attributes.entry.{Number(n)}.value", value));
        }

        return form;
    }

    public static List<KeyValuePair<string, string>> SetSubscriptionAttributes(string subscriptionArn, string name, string value) =>
        Action("SetSubscriptionAttributes", ("SubscriptionArn", subscriptionArn), ("AttributeName", name), ("AttributeValue", value));

    /// <summary>RFC 3986 percent-encoding (space as %20), as the AWS SDKs send it.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in form)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> Action(string action, params (string Key, string Value)[] parameters) =>
    [
        new("Action", action),
        new("Version", ApiVersion),
        .. parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)),
    ];

    // Every attribute is a String: the shop's envelope (type, id, time, traceparent...) is all text.
    private static void AddMessageAttributes(List<KeyValuePair<string, string>> form, string prefix, IReadOnlyDictionary<string, string> attributes)
    {
        var n = 0;
        foreach (var (name, value) in attributes)
        {
            n++;
            var entry = $"{prefix}.entry.{Number(n)}";
            form.Add(new($"{entry}.Name", name));
            form.Add(new($"{entry}.Value.DataType", "String"));
            form.Add(new($"{entry}.Value.StringValue", value));
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

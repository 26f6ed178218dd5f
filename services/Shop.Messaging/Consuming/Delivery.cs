using System.Globalization;
using System.Text.Json;
using Amazon.SQS.Model;
using Shop.Messaging.Envelope;

namespace Shop.Messaging.Consuming;

/// <summary>An SQS message read as the shop's envelope.</summary>
internal sealed record Delivery(Message Message)
{
    public string? Type => Attribute(MessageAttributes.Type);

    public string? TraceParent => Attribute(MessageAttributes.TraceParent);

    public string? TraceState => Attribute(MessageAttributes.TraceState);

    public int ReceiveCount =>
        Message.Attributes?.TryGetValue("ApproximateReceiveCount", out var count) == true &&
        int.TryParse(count, CultureInfo.InvariantCulture, out var n) ? n : 1;

    public MessageContext ToContext(string queue)
    {
        var type = Type ?? throw new UnprocessableMessageException($"Message {Message.MessageId} has no '{MessageAttributes.Type}' attribute.");
        if (!Guid.TryParse(Attribute(MessageAttributes.Id), out var id))
        {
            throw new UnprocessableMessageException($"Message {Message.MessageId} has no UUID '{MessageAttributes.Id}' attribute.");
        }

        DateTimeOffset? time = DateTimeOffset.TryParse(Attribute(MessageAttributes.Time), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t
            : null;
        return new MessageContext(id, type, time, Attribute(MessageAttributes.Source), ReceiveCount, queue);
    }

    public object Deserialize(Type eventType)
    {
        try
        {
            return JsonSerializer.Deserialize(Message.Body, eventType, EventJson.Options)
                ?? throw new UnprocessableMessageException($"Message {Message.MessageId} has a null body.");
        }
        catch (JsonException ex)
        {
            throw new UnprocessableMessageException($"Message {Message.MessageId} is not a valid {eventType.Name}: {ex.Message}", ex);
        }
    }

    private string? Attribute(string name) =>
        Message.MessageAttributes?.TryGetValue(name, out var value) == true ? value.StringValue : null;
}

using System.Text.Json;

namespace Shop.Messaging.Envelope;

/// <summary>How event bodies are written and read: web defaults (camelCase), the same as the HTTP APIs.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

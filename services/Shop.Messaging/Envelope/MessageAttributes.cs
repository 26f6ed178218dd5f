namespace Shop.Messaging.Envelope;

/// <summary>The message attributes every event carries (SNS raw delivery copies them onto the SQS message).</summary>
public static class MessageAttributes
{
    public const string Type = "type";
    public const string Id = "id";
    public const string Time = "time";
    public const string Source = "source";
    public const string ContentType = "content-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public const string JsonContentType = "application/json";
}

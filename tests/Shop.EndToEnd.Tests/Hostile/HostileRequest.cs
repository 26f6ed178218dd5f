namespace Shop.EndToEnd.Tests.Hostile;

public enum HostileCaller
{
    Anonymous,
    Customer,
    Admin,
}

/// <summary>
/// One generated request. <see cref="Writes"/> marks a request to an endpoint that changes state: the generator makes
/// every such request invalid in at least one way, so any 2xx to it is hostile input accepted.
/// </summary>
public sealed record HostileRequest(
    string Family,
    string Description,
    string Method,
    string PathAndQuery,
    HostileCaller Caller,
    bool Writes,
    byte[]? Body = null,
    string? ContentType = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public override string ToString() =>
        $"{Family}: {Method} {Shorten(PathAndQuery)} as {Caller} ({Description}){(Body is null ? "" : $", {Body.Length} byte body")}";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + $"...({text.Length} chars)";
}

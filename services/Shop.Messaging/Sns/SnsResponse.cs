using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace Shop.Messaging.Sns;

/// <summary>Reads SNS Query API XML: the <c>{Action}Result</c> of a success, or an <c>ErrorResponse</c> as an <see cref="SnsException"/>.</summary>
internal static class SnsResponse
{
    private const int QuotedBodyLength = 300;
    private static readonly XNamespace Sns = "http://sns.amazonaws.com/doc/2010-03-31/";

    /// <summary>The <c>{Action}Result</c> element; null for actions that return none (SetSubscriptionAttributes).</summary>
    public static XElement? Result(string action, HttpStatusCode status, string body)
    {
        var root = Parse(body)?.Root;
        if (root?.Name != Sns + $"{action}Response")
        {
            throw new SnsException(action, status, "MalformedResponse", $"expected a {action}Response document, got: {Quote(body)}", null);
        }

        return root.Element(Sns + $"{action}Result");
    }

    public static SnsException Error(string action, HttpStatusCode status, string body)
    {
        var root = Parse(body)?.Root;
        var error = root?.Element(Sns + "Error");
        if (root?.Name != Sns + "ErrorResponse" || error is null)
        {
            // E.g. a load balancer's HTML page: the status is all there is to go on.
            return new SnsException(action, status, status.ToString(), Quote(body), null);
        }

        return new SnsException(
            action,
            status,
            Value(error, "Code") ?? status.ToString(),
            Value(error, "Message") ?? "",
            Value(root, "RequestId"));
    }

    public static string RequiredValue(string action, XElement? result, string name) =>
        (result is null ? null : Value(result, name))
        ?? throw new SnsException(action, HttpStatusCode.OK, "MalformedResponse", $"the {action}Result has no {name}", null);

    public static SnsBatchResult BatchResult(XElement? result)
    {
        var succeeded = Members(result, "Successful").Select(member => Value(member, "Id") ?? "").ToList();
        var failed = Members(result, "Failed")
            .Select(member => new SnsBatchFailure(
                Value(member, "Id") ?? "",
                Value(member, "Code") ?? "",
                Value(member, "Message") ?? "",
                string.Equals(Value(member, "SenderFault"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new SnsBatchResult(succeeded, failed);
    }

    private static IEnumerable<XElement> Members(XElement? result, string list) =>
        result?.Element(Sns + list)?.Elements(Sns + "member") ?? [];

    private static string? Value(XElement parent, string name) => parent.Element(Sns + name)?.Value;

    private static XDocument? Parse(string body)
    {
        try
        {
            return XDocument.Parse(body);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Quote(string body)
    {
        var text = body.Trim();
        return text.Length == 0 ? "(empty body)" : text.Length <= QuotedBodyLength ? text : text[..QuotedBodyLength] + "...";
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Shop.Deploy.Tests.Moto;

/// <summary>
/// The AWS calls a test makes to moto that no client on this project's feed covers (CloudFormation, SSM, SNS's
/// listing actions): SigV4-signed HTTP requests, as the services' own SNS client sends them. The signature's credential
/// scope is what tells moto_server, on one port for every service, which service a request is for.
/// </summary>
public sealed class MotoApi(Uri endpoint, string region, string accessKeyId, string secretAccessKey) : IDisposable
{
    private const int QuotedBodyLength = 500;

    private static readonly Dictionary<string, string> QueryApiVersions = new()
    {
        ["cloudformation"] = "2010-05-15",
        ["sns"] = "2010-03-31",
    };

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly BasicAWSCredentials _credentials = new(accessKeyId, secretAccessKey);

    /// <summary>
    /// A Query-protocol action (form POST, XML answer) of <paramref name="service"/> (<c>cloudformation</c> or <c>sns</c>);
    /// answers its <c>{Action}Result</c> element, empty for actions that return none. An error answer throws, quoting moto.
    /// </summary>
    public async Task<XElement> QueryAsync(
        string service, string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        IEnumerable<KeyValuePair<string, string>> form =
            [new("Action", action), new("Version", QueryApiVersions[service]), .. parameters];
        var body = string.Join("&", form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var text = await SendAsync(service, action, Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded; charset=utf-8", [], cancellationToken);
        var root = Parse(service, action, text).Root!;
        return root.Elements().FirstOrDefault(e => e.Name.LocalName == $"{action}Result") ?? new XElement($"{action}Result");
    }

    /// <summary>A JSON-protocol action, e.g. <c>AmazonSSM.PutParameter</c> of <c>ssm</c>; answers the parsed body.</summary>
    public async Task<JsonNode?> JsonAsync(string service, string target, JsonObject request, CancellationToken cancellationToken)
    {
        var text = await SendAsync(
            service,
            target,
            Encoding.UTF8.GetBytes(request.ToJsonString()),
            "application/x-amz-json-1.1",
            new Dictionary<string, string> { ["X-Amz-Target"] = target },
            cancellationToken);
        return JsonNode.Parse(text);
    }

    /// <summary>The text of <paramref name="parent"/>'s child <paramref name="name"/>, whatever the answer's XML namespace.</summary>
    public static string? Value(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The <c>member</c> elements of <paramref name="parent"/>'s list <paramref name="list"/>.</summary>
    public static IEnumerable<XElement> Members(XElement parent, string list) =>
        parent.Elements().Where(e => e.Name.LocalName == list).Elements().Where(e => e.Name.LocalName == "member");

    /// <summary>The <c>entry</c> key/value pairs of a Query-API map such as SNS's <c>Attributes</c>.</summary>
    public static Dictionary<string, string> Map(XElement parent, string map) =>
        parent.Elements().Where(e => e.Name.LocalName == map).Elements().Where(e => e.Name.LocalName == "entry")
            .ToDictionary(entry => Value(entry, "key") ?? "", entry => Value(entry, "value") ?? "");

    public void Dispose() => _http.Dispose();

    private async Task<string> SendAsync(
        string service,
        string action,
        byte[] body,
        string contentType,
        Dictionary<string, string> headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var signing = new AWSSigningRequest { HttpMethod = request.Method, RequestUri = endpoint, Content = body };
        signing.Headers["Content-Type"] = contentType;
        foreach (var (name, value) in headers)
        {
            signing.Headers[name] = value;
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var signed = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters
            {
                Credentials = _credentials,
                Region = RegionEndpoint.GetBySystemName(region),
                Service = service,
                SignedAt = DateTime.UtcNow,
            },
            cancellationToken);
        // Content-Type is signed but already on the content; the caller's headers are already on the request.
        foreach (var (name, value) in signed.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !request.Headers.Contains(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"moto answered {service} {action} with {(int)response.StatusCode}: {Quote(text)}");
    }

    private static XDocument Parse(string service, string action, string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            throw new InvalidOperationException($"moto answered {service} {action} with something other than XML: {Quote(text)}", e);
        }
    }

    private static string Quote(string text) =>
        text.Trim() is { Length: > 0 } trimmed ? trimmed.Length <= QuotedBodyLength ? trimmed : trimmed[..QuotedBodyLength] + "..." : "(empty body)";
}

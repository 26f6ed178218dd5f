using System.Net;
using System.Text;

namespace Shop.Messaging.Tests.Sns;

/// <summary>Answers SNS requests from a queue of canned answers and records every request it receives.</summary>
internal sealed class StubSnsHandler(TimeProvider? time = null) : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _answers = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests => _requests;

    public StubSnsHandler Answer(HttpStatusCode status, string xml)
    {
        _answers.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") }));
        return this;
    }

    public StubSnsHandler AnswerOk(string xml) => Answer(HttpStatusCode.OK, xml);

    public StubSnsHandler AnswerError(HttpStatusCode status, string code, string message = "stubbed error") =>
        Answer(status, SnsXml.Error(code, message));

    public StubSnsHandler Throw(Exception exception)
    {
        _answers.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers: the request ends only when its token is cancelled.</summary>
    public StubSnsHandler Hang()
    {
        _answers.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(header => header.Key, header => string.Join(",", header.Value), StringComparer.OrdinalIgnoreCase);
        _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, (time ?? TimeProvider.System).GetUtcNow()));

        return _answers.TryDequeue(out var answer)
            ? await answer(cancellationToken)
            : throw new InvalidOperationException($"Unexpected request #{_requests.Count}: {body}");
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset SentAt)
{
    /// <summary>The form body decoded; keys are unique in SNS Query requests.</summary>
    public IReadOnlyDictionary<string, string> Form { get; } = Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]));
}

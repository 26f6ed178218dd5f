using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.EndToEnd.Tests;

/// <summary>The Aspire dashboard's telemetry API: what the services' OpenTelemetry exporters sent it, as OTLP JSON.</summary>
/// <param name="apiKey">The API's key; null when the API is unsecured.</param>
public sealed class Dashboard(Uri url, string? apiKey) : IDisposable
{
    private readonly HttpClient _http = Client(url, apiKey);

    /// <summary>Every span the dashboard holds of the trace, with the service that reported it; empty while it holds none.</summary>
    public async Task<TraceSpans> SpansOfTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/telemetry/traces/{traceId}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new TraceSpans([]);
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new TraceSpans(
        [
            .. from resourceSpans in body.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
               let service = ServiceName(resourceSpans.GetProperty("resource"))
               from scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray()
               from span in scopeSpans.GetProperty("spans").EnumerateArray()
               select new TraceSpan(
                   service,
                   span.GetProperty("name").GetString()!,
                   span.GetProperty("spanId").GetString()!,
                   span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null),
        ]);
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Client(Uri url, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = url };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    private static string ServiceName(JsonElement resource) =>
        resource.GetProperty("attributes").EnumerateArray()
            .Single(attribute => attribute.GetProperty("key").GetString() == "service.name")
            .GetProperty("value").GetProperty("stringValue").GetString()!;
}

public sealed record TraceSpan(string Service, string Name, string SpanId, string? ParentSpanId);

public sealed record TraceSpans(IReadOnlyList<TraceSpan> All)
{
    public IEnumerable<TraceSpan> Of(string service) => All.Where(span => span.Service == service);

    public override string ToString() =>
        All.Count == 0 ? "no spans" : string.Join(", ", All.Select(span => $"{span.Service}: {span.Name}"));
}

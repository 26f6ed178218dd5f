namespace Shop.Bench.Gateway;

/// <summary>
/// The gateway with settings changed on top of its production ones, one tuning idea each; or, with another
/// <see cref="Project"/>, a different program given the same settings.
/// </summary>
public sealed record GatewayVariant(string Name, string Change, IReadOnlyDictionary<string, string> Environment)
{
    public string Project { get; init; } = "gateway/Shop.Gateway";

    public string Dll => System.IO.Path.GetFileName(Project) + ".dll";
}

public static class GatewayVariants
{
    public static readonly GatewayVariant AsDeployed = new("gateway", "as deployed (the baseline)", new Dictionary<string, string>());

    private static readonly Dictionary<string, string> WorkstationGc = new() { ["DOTNET_gcServer"] = "0" };

    private static readonly Dictionary<string, string> SampledTraces = new()
    {
        ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
        ["OTEL_TRACES_SAMPLER_ARG"] = "0.01",
    };

    private static readonly Dictionary<string, string> InlineIo = new() { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" };

    private static readonly Dictionary<string, string> NoTelemetry = new() { ["OTEL_SDK_DISABLED"] = "true" };

    // Declared after the dictionaries it uses: static fields initialize in textual order.
    public static readonly IReadOnlyList<GatewayVariant> All =
    [
        AsDeployed,
        new("gw-wks-gc", "workstation GC instead of server GC (`DOTNET_gcServer=0`)", WorkstationGc),
        new("gw-no-pgo", "tiered PGO off (`DOTNET_TieredPGO=0`)", new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }),
        new("gw-sampled", "1% of traces sampled (`OTEL_TRACES_SAMPLER=parentbased_traceidratio`, `OTEL_TRACES_SAMPLER_ARG=0.01`)", SampledTraces),
        new("gw-inline-io", "socket continuations inline, in the runtime and Kestrel (`DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1`)", InlineIo),
        new("gw-combined", "inline I/O, sampled traces and workstation GC together", Merge(InlineIo, SampledTraces, WorkstationGc)),
        new("gw-no-otel", "no OpenTelemetry at all (`OTEL_SDK_DISABLED=true`): what tracing and metrics cost, not a setting to ship", NoTelemetry),
        new("bare-yarp", "YARP alone (bench/Shop.Bench.BareYarp): no authentication, rate limiter, edge middleware, telemetry or logging", new Dictionary<string, string>())
        {
            Project = "bench/Shop.Bench.BareYarp",
        },
    ];


    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(part => part).ToDictionary(pair => pair.Key, pair => pair.Value);
}

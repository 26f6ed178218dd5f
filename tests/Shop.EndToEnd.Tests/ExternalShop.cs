using Shop.TestSupport;

namespace Shop.EndToEnd.Tests;

/// <summary>
/// A shop the tests did not start, named by environment variables: <c>SHOP_GATEWAY_URL</c> (required, e.g.
/// http://127.0.0.1:8080 for docker compose); <c>SHOP_DASHBOARD_URL</c> and <c>SHOP_DASHBOARD_API_KEY</c> (its
/// Aspire dashboard; no key when its API is unsecured, as compose's is); <c>SHOP_AWS_ENDPOINT_URL</c> and
/// <c>SHOP_MESSAGING_PREFIX</c> (its SQS endpoint and queue prefix, for the tests that check the queues drained).
/// </summary>
public sealed record ExternalShop(Uri GatewayUrl, Uri? DashboardUrl, string? DashboardApiKey, Uri? AwsEndpointUrl, string MessagingPrefix)
{
    public static ExternalShop? FromEnvironment() =>
        Url("SHOP_GATEWAY_URL") is { } gateway
            ? new ExternalShop(
                gateway,
                Url("SHOP_DASHBOARD_URL"),
                Environment.GetEnvironmentVariable("SHOP_DASHBOARD_API_KEY"),
                Url("SHOP_AWS_ENDPOINT_URL"),
                Environment.GetEnvironmentVariable("SHOP_MESSAGING_PREFIX") is { Length: > 0 } prefix ? prefix : "shop-dev")
            : null;

    public Dashboard? Dashboard() => DashboardUrl is null ? null : new Dashboard(DashboardUrl, DashboardApiKey);

    public QueueProbe? Queues() => AwsEndpointUrl is null ? null : QueueProbe.OnMoto(AwsEndpointUrl, MessagingPrefix);

    private static Uri? Url(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? new Uri(value.EndsWith('/') ? value : value + "/", UriKind.Absolute)
            : null;
}

namespace Shop.Contracts.Topology;

/// <summary>
/// A deployable part of the shop as every artifact that runs it (the AppHost, docker-compose.yml, the deployment
/// manifests) must name it: its project, its port on a developer's machine, its database and tables, its messaging.
/// </summary>
/// <param name="Project">The project folder, relative to the repository root; the container image is built from it.</param>
/// <param name="LocalPort">Its HTTP port when the AppHost runs it; in a container every service listens on <see cref="ShopServices.ContainerPort"/>.</param>
/// <param name="Database">Its PostgreSQL database, read from <c>ConnectionStrings__{ConnectionName}</c>; null without one.</param>
/// <param name="Tables">Its DynamoDB tables (the messaging prefix is added to their names, as to queues).</param>
public sealed record ShopServiceDefinition(
    string Name,
    string Project,
    int LocalPort,
    string? Database,
    string? ConnectionName,
    IReadOnlyList<TableDefinition> Tables,
    ServiceTopology? Messaging)
{
    /// <summary>Whether it talks to AWS (SNS, SQS, DynamoDB), and so needs the AWS settings.</summary>
    public bool UsesAws => Messaging is not null || Tables.Count > 0;
}

public static class ShopServices
{
    public const int ContainerPort = 8080;

    public static readonly TableDefinition BasketsTable = new("baskets", "customerId");

    public static readonly TableDefinition BasketInboxTable = TableDefinition.Inbox("basket-inbox");

    public static readonly ShopServiceDefinition Gateway = new("gateway", "gateway/Shop.Gateway", 8080, null, null, [], null);

    public static readonly ShopServiceDefinition Catalog = new(
        "catalog", "services/catalog/Shop.Catalog", 5101, "catalog", "Catalog", [], ShopTopology.Catalog);

    public static readonly ShopServiceDefinition Basket = new(
        "basket", "services/basket/Shop.Basket", 5102, null, null, [BasketsTable, BasketInboxTable], ShopTopology.Basket);

    public static readonly ShopServiceDefinition Ordering = new(
        "ordering", "services/ordering/Shop.Ordering", 5103, "ordering", "Ordering", [], ShopTopology.Ordering);

    public static readonly ShopServiceDefinition Payment = new(
        "payment", "services/payment/Shop.Payment", 5104, "payment", "Payment", [], ShopTopology.Payment);

    public static readonly ShopServiceDefinition Notification = new(
        "notification", "services/notification/Shop.Notification", 5105, "notification", "Notification", [], ShopTopology.Notification);

    /// <summary>The gateway first, then the services behind it.</summary>
    public static IReadOnlyList<ShopServiceDefinition> All { get; } = [Gateway, Catalog, Basket, Ordering, Payment, Notification];

    /// <summary>The services the gateway routes to: one cluster each, named after the service.</summary>
    public static IEnumerable<ShopServiceDefinition> BehindGateway => All.Where(service => service != Gateway);
}

using Npgsql;

namespace Shop.EndToEnd.Tests.Faults;

/// <summary>
/// The books of a fault run, read from every service's database: what became of each accepted order and what the
/// shop did for it. <see cref="Violations"/> lists every way they fail to balance.
/// </summary>
public sealed class Books
{
    public Dictionary<Guid, string> Statuses { get; } = [];

    /// <summary>Orders of the run's customers that no client saw accepted (a POST answered after its client gave up).</summary>
    public int Unacknowledged { get; private set; }

    public Dictionary<int, int> StockMoved { get; } = [];

    /// <summary>Per order: approved charges the processor kept (not refunded).</summary>
    public Dictionary<Guid, int> KeptCharges { get; } = [];

    /// <summary>Per order: succeeded payments on record.</summary>
    public Dictionary<Guid, int> SucceededPayments { get; } = [];

    public Dictionary<Guid, int> Notifications { get; } = [];

    /// <summary>Outbox rows not yet published, per database.</summary>
    public Dictionary<string, long> Outboxes { get; } = [];

    public IEnumerable<Guid> Confirmed => Statuses.Where(s => s.Value == "Confirmed").Select(s => s.Key);

    public IEnumerable<Guid> Cancelled => Statuses.Where(s => s.Value == "Cancelled").Select(s => s.Key);

    public bool AllTerminal => Statuses.Values.All(IsTerminal);

    public static bool IsTerminal(string status) => status is "Confirmed" or "Cancelled";

    public static async Task<Books> ReadAsync(RunningShop shop, FaultRun run, CancellationToken cancellationToken)
    {
        var books = new Books();
        var ids = run.Accepted.Select(o => o.Id!.Value).ToArray();
        await using (var ordering = await OpenAsync(shop, "ordering", cancellationToken))
        {
            await ReadAsync(ordering, "SELECT id, status FROM ordering.orders WHERE id = ANY(@ids)", ids, r => books.Statuses[r.GetGuid(0)] = r.GetString(1), cancellationToken);
            var customers = run.Customers.ToArray();
            await ReadAsync(ordering, "SELECT count(*) FROM ordering.orders WHERE customer_id = ANY(@ids)", customers, r => books.Unacknowledged = (int)(r.GetInt64(0) - ids.Length), cancellationToken);
            books.Outboxes["ordering"] = await OutboxAsync(ordering, "ordering", cancellationToken);
        }

        await using (var catalog = await OpenAsync(shop, "catalog", cancellationToken))
        {
            await ReadAsync(
                catalog,
                "SELECT id, available_stock FROM catalog.products WHERE id = ANY(@ids)",
                run.Products.ToArray(),
                r => books.StockMoved[r.GetInt32(0)] = run.InitialStock - r.GetInt32(1),
                cancellationToken);
            books.Outboxes["catalog"] = await OutboxAsync(catalog, "catalog", cancellationToken);
        }

        await using (var payment = await OpenAsync(shop, "payment", cancellationToken))
        {
            await ReadAsync(
                payment,
                "SELECT order_id, count(*) FROM processor.charges WHERE order_id = ANY(@ids) AND approved AND NOT refunded GROUP BY order_id",
                ids,
                r => books.KeptCharges[r.GetGuid(0)] = (int)r.GetInt64(1),
                cancellationToken);
            await ReadAsync(
                payment,
                "SELECT order_id, count(*) FROM payment.payments WHERE order_id = ANY(@ids) AND status = 'Succeeded' GROUP BY order_id",
                ids,
                r => books.SucceededPayments[r.GetGuid(0)] = (int)r.GetInt64(1),
                cancellationToken);
            books.Outboxes["payment"] = await OutboxAsync(payment, "payment", cancellationToken);
        }

        await using (var notification = await OpenAsync(shop, "notification", cancellationToken))
        {
            await ReadAsync(
                notification,
                "SELECT order_id, count(*) FROM notification.notifications WHERE order_id = ANY(@ids) GROUP BY order_id",
                ids,
                r => books.Notifications[r.GetGuid(0)] = (int)r.GetInt64(1),
                cancellationToken);
            books.Outboxes["notification"] = await OutboxAsync(notification, "notification", cancellationToken);
        }

        return books;
    }

    /// <summary>When the first order placed after <paramref name="since"/> finished: the saga works again from then on.</summary>
    public static async Task<DateTimeOffset?> FirstFinishedAfterAsync(RunningShop shop, FaultRun run, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var ordering = await OpenAsync(shop, "ordering", cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT min(updated_at) FROM ordering.orders WHERE id = ANY(@ids) AND created_at >= @since AND status IN ('Confirmed', 'Cancelled')", ordering);
        command.Parameters.AddWithValue("ids", run.Accepted.Select(o => o.Id!.Value).ToArray());
        command.Parameters.AddWithValue("since", since);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime finished ? new DateTimeOffset(finished, TimeSpan.Zero) : null;
    }

    /// <summary>Accepted orders that are missing or not terminal.</summary>
    public List<Guid> Lost(FaultRun run) =>
        [.. run.Accepted.Select(o => o.Id!.Value).Where(id => !Statuses.TryGetValue(id, out var status) || !IsTerminal(status))];

    /// <summary>Effects applied more than once: extra charges kept or payments succeeded, extra notifications, stock moved beyond the confirmed lines.</summary>
    public int DuplicatedEffects(FaultRun run) =>
        KeptCharges.Values.Sum(n => Math.Max(0, n - 1))
        + SucceededPayments.Values.Sum(n => Math.Max(0, n - 1))
        + Notifications.Values.Sum(n => Math.Max(0, n - 1))
        + run.Products.Sum(p => Math.Max(0, StockMoved.GetValueOrDefault(p) - ConfirmedQuantity(run, p)));

    public List<string> Violations(FaultRun run)
    {
        var violations = new List<string>();
        violations.AddRange(Lost(run).Select(id => $"order {id} accepted but {Statuses.GetValueOrDefault(id) ?? "missing"}"));
        foreach (var product in run.Products)
        {
            var moved = StockMoved.GetValueOrDefault(product);
            if (moved != ConfirmedQuantity(run, product))
            {
                violations.Add($"product {product}: stock moved {moved}, confirmed lines {ConfirmedQuantity(run, product)}");
            }
        }

        violations.AddRange(Confirmed.Where(id => KeptCharges.GetValueOrDefault(id) != 1).Select(id => $"confirmed order {id}: {KeptCharges.GetValueOrDefault(id)} charges kept"));
        violations.AddRange(Confirmed.Where(id => SucceededPayments.GetValueOrDefault(id) != 1).Select(id => $"confirmed order {id}: {SucceededPayments.GetValueOrDefault(id)} succeeded payments"));
        violations.AddRange(Cancelled.Where(id => KeptCharges.ContainsKey(id)).Select(id => $"cancelled order {id}: a charge kept"));
        violations.AddRange(Cancelled.Where(id => SucceededPayments.ContainsKey(id)).Select(id => $"cancelled order {id}: a succeeded payment"));
        violations.AddRange(Statuses.Keys.Where(id => IsTerminal(Statuses[id]) && Notifications.GetValueOrDefault(id) != 1)
            .Select(id => $"order {id}: {Notifications.GetValueOrDefault(id)} notifications"));
        violations.AddRange(Outboxes.Where(o => o.Value != 0).Select(o => $"{o.Key} outbox holds {o.Value} messages"));
        if (Unacknowledged != 0)
        {
            violations.Add($"{Unacknowledged} orders of the run's customers were never acknowledged to a client");
        }

        return violations;
    }

    private int ConfirmedQuantity(FaultRun run, int product) =>
        run.Accepted.Where(o => o.ProductId == product && Statuses.GetValueOrDefault(o.Id!.Value) == "Confirmed").Sum(o => o.Quantity);

    private static async Task<NpgsqlConnection> OpenAsync(RunningShop shop, string database, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled connection would outlive a PostgreSQL restart and fail its next command.
        var connection = new NpgsqlConnection(shop.DatabaseConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<long> OutboxAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {schema}.outbox_messages", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ReadAsync<T>(NpgsqlConnection connection, string sql, T[] ids, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}

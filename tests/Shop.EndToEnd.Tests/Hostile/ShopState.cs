using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Npgsql;
using Shop.Contracts.Topology;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>
/// Every row of every service's tables and every item of the shop's DynamoDB tables, as a row count and a hash per
/// table: two snapshots are equal exactly when nothing was written in between (up to a hash collision).
/// </summary>
public static class ShopState
{
    public static async Task<SortedDictionary<string, string>> SnapshotAsync(RunningShop shop, CancellationToken cancellationToken)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in ShopServices.All.Where(s => s.Database is not null))
        {
            await using var connection = new NpgsqlConnection(shop.DatabaseConnectionString(service.Database!));
            await connection.OpenAsync(cancellationToken);
            foreach (var table in await TablesAsync(connection, cancellationToken))
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT count(*)::text || ' rows, ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM {table} t", connection);
                state[$"{service.Database}.{table}"] = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
        }

        using var dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = shop.MotoUrl!.ToString(), AuthenticationRegion = "us-east-1" });
        var tables = await dynamo.ListTablesAsync(new ListTablesRequest(), cancellationToken);
        foreach (var table in tables.TableNames.Where(name => name.StartsWith(RunningShop.MessagingPrefix + "-", StringComparison.Ordinal)))
        {
            state["dynamodb." + table] = await ScanHashAsync(dynamo, table, cancellationToken);
        }

        return state;
    }

    /// <summary>The first of two snapshots taken a second apart that are equal: the shop has stopped writing.</summary>
    public static async Task<SortedDictionary<string, string>> SettledAsync(RunningShop shop, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        var previous = await SnapshotAsync(shop, cancellationToken);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var current = await SnapshotAsync(shop, cancellationToken);
            if (Differences(previous, current).Count == 0)
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The shop kept writing for {patience.TotalSeconds} s: {string.Join("; ", Differences(previous, current))}");
            }

            previous = current;
        }
    }

    public static List<string> Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
    [
        .. before.Keys.Union(after.Keys)
            .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .Select(key => $"{key}: {before.GetValueOrDefault(key) ?? "(none)"} -> {after.GetValueOrDefault(key) ?? "(none)"}"),
    ];

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<string> ScanHashAsync(IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start }, cancellationToken);
            items.AddRange(page.Items.Select(Describe));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        items.Sort(StringComparer.Ordinal);
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Join("|", items))));
        return $"{items.Count} items, {hash}";
    }

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(",", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={Value(a.Value)}"));

    private static string Value(AttributeValue value) =>
        value.S ?? value.N ?? (value.BOOL is { } b ? b.ToString() : null) ?? (value.M is { Count: > 0 } m ? "{" + Describe(m) + "}" : null)
        ?? (value.L is { Count: > 0 } list ? "[" + string.Join(",", list.Select(Value)) + "]" : null) ?? "";
}

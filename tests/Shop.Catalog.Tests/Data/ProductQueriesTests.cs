using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Catalog.Data;
using Shouldly;

namespace Shop.Catalog.Tests.Data;

public sealed partial class ProductQueriesTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Tea")]
    [InlineData("tea")]
    [InlineData(" TEA ")]
    public async Task A_category_matches_whatever_its_case(string category)
    {
        await using var db = Context();

        var products = await db.Products.InCategory(category).ToListAsync(Ct);

        products.Count.ShouldBe(20);
        products.ShouldAllBe(p => p.Category == "Tea");
    }

    [Fact]
    public async Task The_category_filter_can_use_the_category_index()
    {
        await using var db = Context();
        var query = db.Products.InCategory("tea").Select(p => p.Id);

        var plan = await ExplainAsync(query.ToQueryString());

        plan.ShouldContain("ix_products_category", customMessage: plan);
    }

    private CatalogDbContext Context() => new(new DbContextOptionsBuilder<CatalogDbContext>()
        .UseNpgsql(app.ConnectionString)
        .UseSnakeCaseNamingConvention()
        .Options);

    /// <summary>
    /// The plan of EF's SQL for the query, with sequential scans priced out: a hundred seeded rows fit one page, so
    /// the planner would scan them anyway; what matters is whether the index can serve the filter at all.
    /// </summary>
    private async Task<string> ExplainAsync(string efSql)
    {
        var sql = string.Join('\n', efSql.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal)));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (Match parameter in ParameterComment().Matches(efSql))
        {
            explain.Parameters.AddWithValue(parameter.Groups["name"].Value, parameter.Groups["value"].Value);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    // EF's ToQueryString declares each parameter in a comment line: -- @name='tea' (Size = 100)
    [GeneratedRegex("^-- @(?<name>\\w+)='(?<value>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex ParameterComment();
}

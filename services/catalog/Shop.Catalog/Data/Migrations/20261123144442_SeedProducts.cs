using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Catalog.Data.Migrations
{
    /// <summary>Inserts <see cref="CatalogSeed"/> with ids 1..100 and moves the identity past them.</summary>
    public partial class SeedProducts : Migration
    {
        private static readonly string[] Columns = ["id", "name", "description", "category", "price", "currency", "available_stock"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            var products = CatalogSeed.Products;
            var rows = new object[products.Count, Columns.Length];
            for (var i = 0; i < products.Count; i++)
            {
                var p = products[i];
                object[] row = [i + 1, p.Name, p.Description, p.Category, p.Price, p.Currency, p.AvailableStock];
                for (var c = 0; c < row.Length; c++)
                {
                    rows[i, c] = row[c];
                }
            }

            migrationBuilder.InsertData(table: "products", schema: "catalog", columns: Columns, values: rows);
            migrationBuilder.Sql(
                "SELECT setval(pg_get_serial_sequence('catalog.products', 'id'), (SELECT MAX(id) FROM catalog.products));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DELETE FROM catalog.products WHERE id <= {CatalogSeed.Products.Count};");
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.Ordering.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's settings.</summary>
public sealed class DesignTimeOrderingDbContextFactory : IDesignTimeDbContextFactory<OrderingDbContext>
{
    public OrderingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrderingDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.Payment.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's settings.</summary>
public sealed class DesignTimePaymentDbContextFactory : IDesignTimeDbContextFactory<PaymentDbContext>
{
    public PaymentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}

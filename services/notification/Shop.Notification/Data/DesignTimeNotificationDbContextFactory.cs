using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Shop.Notification.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's settings.</summary>
public sealed class DesignTimeNotificationDbContextFactory : IDesignTimeDbContextFactory<NotificationDbContext>
{
    public NotificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationDbContext>().UseNpgsql("Host=localhost").UseSnakeCaseNamingConvention().Options);
}

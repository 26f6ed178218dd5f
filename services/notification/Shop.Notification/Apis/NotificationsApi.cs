using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.Notification.Data;
using Shop.ServiceDefaults.Auth;
using Shop.ServiceDefaults.Paging;

namespace Shop.Notification.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(AuthExtensions.CustomerPolicy)
            .MapGet("/", ListNotifications)
            .WithName(nameof(ListNotifications))
            .WithSummary("List my notifications")
            .WithDescription("The messages the caller was sent about their orders, newest first, a page at a time.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<NotificationDto>>, ValidationProblem>> ListNotifications(
        ClaimsPrincipal user, NotificationDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        var errors = PageQuery.Validate(page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var customerId = user.FindFirstValue("sub");
        var mine = db.Notifications.AsNoTracking().Where(n => n.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var items = await mine
            .OrderByDescending(n => n.CreatedAt)
            .ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(n => new NotificationDto(n.Id, n.OrderId, n.Kind, n.Message, n.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<NotificationDto>(items, page, pageSize, total));
    }
}

public sealed record NotificationDto(Guid Id, Guid OrderId, string Kind, string Message, DateTimeOffset CreatedAt);

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Messaging.Outbox;
using Shop.Ordering.Data;
using Shop.Ordering.Domain;
using Shop.ServiceDefaults.Auth;
using Shop.ServiceDefaults.Paging;

namespace Shop.Ordering.Apis;

public static class OrdersApi
{
    private const int MaxCancelAttempts = 3;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(AuthExtensions.CustomerPolicy);

        api.MapPost("/", PlaceOrder)
            .WithName(nameof(PlaceOrder))
            .WithSummary("Place an order")
            .WithDescription(
                "Places an order for the caller. The Idempotency-Key header is required: retrying with the same key and body answers " +
                "the same order; the same key with a different body is a 422. Prices, names and the total are filled in once catalog " +
                "has reserved the stock.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/", ListOrders)
            .WithName(nameof(ListOrders))
            .WithSummary("List my orders")
            .WithDescription("The caller's orders, newest first, a page at a time.");
        api.MapGet("/{id}", GetOrder)
            .WithName(nameof(GetOrder))
            .WithSummary("Get an order")
            .WithDescription("One order of the caller's (admins may read any). Anyone else's order is a 404.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/cancel", CancelOrder)
            .WithName(nameof(CancelOrder))
            .WithSummary("Cancel an order")
            .WithDescription("Cancels one of the caller's orders while it is not paid (409 once it is). Cancelling a cancelled order changes nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        [FromHeader(Name = OrderValidation.IdempotencyKeyHeader)] string? idempotencyKey,
        PlaceOrderRequest request,
        ClaimsPrincipal user,
        OrderingDbContext db,
        IOutbox outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = OrderValidation.Validate(idempotencyKey, request);
        var customerId = Customer.Of(user);
        if (customerId is null)
        {
            errors["sub"] = [$"The token's sub claim must be 1 to {OrderLimits.CustomerIdLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hash = RequestHash.Of(request);
        if (await FindByKeyAsync(db, customerId!, idempotencyKey!, cancellationToken) is { } earlier)
        {
            return Replay(earlier, hash);
        }

        var now = time.GetUtcNow();
        var order = Order.Place(
            Guid.CreateVersion7(now),
            customerId!,
            idempotencyKey!,
            hash,
            request.Items!.Select(line => new OrderItem(line!.ProductId!.Value, line.Quantity!.Value)),
            ToAddress(request.ShippingAddress!),
            now);
        db.Orders.Add(order);
        outbox.Add(order.Placed());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent request with the same key won: answer with its order.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(db, customerId!, idempotencyKey!, cancellationToken)
                ?? throw new InvalidOperationException("The order that holds this idempotency key vanished.", ex);
            return Replay(winner, hash);
        }

        return Created(order);
    }

    public static async Task<Results<Ok<PagedResult<OrderDto>>, ValidationProblem>> ListOrders(
        ClaimsPrincipal user, OrderingDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        var errors = PageQuery.Validate(page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var customerId = Customer.Of(user);
        var mine = db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId);
        var total = await mine.CountAsync(cancellationToken);
        var orders = await mine
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResult<OrderDto>([.. orders.Select(OrderDto.From)], page, pageSize, total));
    }

    public static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetOrder(
        Guid id, ClaimsPrincipal user, OrderingDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is not null && (order.CustomerId == Customer.Of(user) || user.IsInRole(AuthExtensions.AdminPolicy))
            ? TypedResults.Ok(OrderDto.From(order))
            : OrderNotFound(id);
    }

    public static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> CancelOrder(
        Guid id, ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken)
    {
        // A payment landing at the same moment changes the same row: the loser of that race reads the order again.
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.CustomerId == Customer.Of(user), cancellationToken);
            if (order is null)
            {
                return OrderNotFound(id);
            }

            OrderChange change;
            try
            {
                change = order.CancelByCustomer(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            }
            catch (OrderAlreadyPaidException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The order is paid", detail: ex.Message);
            }

            if (change.Publish is { } cancelled)
            {
                scope.ServiceProvider.GetRequiredService<IOutbox>().Add(cancelled);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(OrderDto.From(order));
            }
            catch (DbUpdateConcurrencyException) when (attempt == MaxCancelAttempts)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The order kept changing",
                    detail: $"Order {id} changed under this request {MaxCancelAttempts} times in a row; it is unchanged by it. Try again.");
            }
            catch (DbUpdateConcurrencyException)
            {
                // Read the order again and decide anew.
            }
        }
    }

    private static Task<Order?> FindByKeyAsync(OrderingDbContext db, string customerId, string idempotencyKey, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.CustomerId == customerId && o.IdempotencyKey == idempotencyKey, cancellationToken);

    private static Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult> Replay(Order earlier, string hash) =>
        earlier.RequestHash == hash
            ? Created(earlier)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency key reused",
                detail: $"This {OrderValidation.IdempotencyKeyHeader} was used for a different order request; use a new key for a new order.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]> { [OrderValidation.IdempotencyKeyHeader] = ["Already used with a different body."] },
                });

    private static Created<OrderDto> Created(Order order) => TypedResults.Created($"/api/orders/{order.Id}", OrderDto.From(order));

    private static ShippingAddress ToAddress(ShippingAddressRequest address) =>
        new(address.Line1!.Trim(), address.City!.Trim(), address.PostalCode!.Trim(), address.Country!);

    private static ProblemHttpResult OrderNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Order not found",
        detail: $"You have no order {id}.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = [$"You have no order {id}."] } });
}

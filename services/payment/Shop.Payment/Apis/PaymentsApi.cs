using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.Payment.Data;
using Shop.Payment.Domain;
using Shop.ServiceDefaults.Auth;

namespace Shop.Payment.Apis;

public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/payments").WithTags("Payments").RequireAuthorization(AuthExtensions.AdminPolicy)
            .MapGet("/{orderId}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get an order's payment")
            .WithDescription("What payment did for one order (role admin): succeeded, declined, refunded, or voided because the order was cancelled first.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PaymentDto>, ProblemHttpResult>> GetPayment(Guid orderId, PaymentDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        return payment is null
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Payment not found",
                detail: $"Nothing has been paid or voided for order {orderId}.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["orderId"] = [$"No payment for order {orderId}."] } })
            : TypedResults.Ok(PaymentDto.From(payment));
    }
}

public sealed record PaymentDto(
    Guid OrderId, Guid PaymentId, string Status, decimal? Amount, string? Currency, string? DeclineReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PaymentDto From(OrderPayment payment) => new(
        payment.OrderId, payment.PaymentId, payment.Status.ToString(), payment.Amount, payment.Currency, payment.DeclineReason, payment.CreatedAt, payment.UpdatedAt);
}

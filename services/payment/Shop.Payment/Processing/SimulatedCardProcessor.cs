using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Payment.Data;

namespace Shop.Payment.Processing;

/// <summary>
/// A card processor that exists only here: it keeps its charges in its own table and writes them in its own
/// transactions (a scope of its own, so its own connection), as a real processor commits on its side whatever
/// happens to ours. Declines, latency and outages come from <see cref="PaymentOptions"/>.
/// </summary>
public sealed class SimulatedCardProcessor(IServiceScopeFactory scopes, IOptionsMonitor<PaymentOptions> options, TimeProvider time) : ICardProcessor
{
    public const string AmountAboveLimit = "amount-above-limit";

    public async Task<ChargeResult> ChargeAsync(Guid orderId, decimal amount, string currency, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, time, cancellationToken);
        }

        if (settings.FailureRate > 0 && Random.Shared.NextDouble() < settings.FailureRate)
        {
            throw new ProcessorUnavailableException($"The card processor did not answer for order {orderId} (Payment:FailureRate {settings.FailureRate}).");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentDbContext>();
        if (await db.ProcessorCharges.AsNoTracking().FirstOrDefaultAsync(c => c.OrderId == orderId, cancellationToken) is { } earlier)
        {
            return Result(earlier);
        }

        var approved = amount <= settings.DeclineAbove;
        var charge = new ProcessorCharge
        {
            OrderId = orderId,
            ChargeId = Guid.CreateVersion7(time.GetUtcNow()),
            Amount = amount,
            Currency = currency,
            Approved = approved,
            DeclineReason = approved ? null : AmountAboveLimit,
            CreatedAt = time.GetUtcNow(),
        };
        db.ProcessorCharges.Add(charge);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result(charge);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return Result(await db.ProcessorCharges.AsNoTracking().SingleAsync(c => c.OrderId == orderId, cancellationToken));
        }
    }

    public async Task RefundAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentDbContext>();
        await db.ProcessorCharges
            .Where(c => c.OrderId == orderId && c.Approved && !c.Refunded)
            .ExecuteUpdateAsync(c => c.SetProperty(charge => charge.Refunded, true), cancellationToken);
    }

    private static ChargeResult Result(ProcessorCharge charge) => new(charge.ChargeId, charge.Approved, charge.DeclineReason);
}

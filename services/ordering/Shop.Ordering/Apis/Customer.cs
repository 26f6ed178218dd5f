using System.Security.Claims;
using Shop.Ordering.Domain;

namespace Shop.Ordering.Apis;

/// <summary>Who the caller is as a customer: the token's <c>sub</c>.</summary>
public static class Customer
{
    public static string? Of(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { Length: > 0 and <= OrderLimits.CustomerIdLength } sub ? sub : null;
}

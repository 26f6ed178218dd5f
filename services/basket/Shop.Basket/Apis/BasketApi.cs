using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Basket.Catalog;
using Shop.Basket.Data;
using Shop.Basket.Domain;
using Shop.ServiceDefaults.Auth;

namespace Shop.Basket.Apis;

public static class BasketApi
{
    /// <summary>How often a change is retried when another write to the same basket got in between.</summary>
    private const int MaxAttempts = 5;

    public static IEndpointRouteBuilder MapBasketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/basket").WithTags("Basket").RequireAuthorization(AuthExtensions.CustomerPolicy);
        api.MapGet("/", GetBasket)
            .WithName(nameof(GetBasket))
            .WithSummary("Get my basket")
            .WithDescription("The caller's basket: one line per product, with the name and price catalog gave when it was added.");
        api.MapPut("/items", SetItem)
            .WithName(nameof(SetItem))
            .WithSummary("Put a product in my basket")
            .WithDescription("Sets the quantity (1 to 99) of a product in the caller's basket, adding the line if new. The product must exist in catalog; while catalog cannot be asked, 503.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete("/items/{productId}", RemoveItem)
            .WithName(nameof(RemoveItem))
            .WithSummary("Take a product out of my basket")
            .WithDescription("Removes the product's line; removing a product that is not in the basket changes nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<BasketDto>> GetBasket(ClaimsPrincipal user, BasketStore baskets, CancellationToken cancellationToken) =>
        TypedResults.Ok(BasketDto.From(await baskets.GetAsync(CustomerOf(user), cancellationToken)));

    public static async Task<Results<Ok<BasketDto>, ValidationProblem, ProblemHttpResult>> SetItem(
        BasketItemRequest request, ClaimsPrincipal user, BasketStore baskets, CatalogClient catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId is not > 0)
        {
            errors["productId"] = ["productId is required and must be a positive whole number."];
        }

        if (request.Quantity is not (>= 1 and <= CustomerBasket.MaxQuantity))
        {
            errors["quantity"] = [$"quantity is required and must be between 1 and {CustomerBasket.MaxQuantity}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        CatalogProduct? product;
        try
        {
            product = await catalog.FindProductAsync(request.ProductId!.Value, cancellationToken);
        }
        catch (CatalogUnavailableException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Catalog is unavailable",
                detail: "The product could not be checked because catalog does not answer; try again shortly. Your basket is unchanged.");
        }

        if (product is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["productId"] = [$"No product has id {request.ProductId}."] });
        }

        var item = new BasketItem(product.Id, request.Quantity!.Value, product.Name, product.Price, product.Currency);
        return await ChangeAsync(user, baskets, basket => basket.Set(item), cancellationToken);
    }

    public static async Task<Results<Ok<BasketDto>, ValidationProblem, ProblemHttpResult>> RemoveItem(
        int productId, ClaimsPrincipal user, BasketStore baskets, CancellationToken cancellationToken)
    {
        if (productId < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["productId"] = ["productId must be a positive whole number."] });
        }

        return await ChangeAsync(
            user,
            baskets,
            basket =>
            {
                basket.Remove(productId);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Reads, changes and conditionally writes the basket, again if another write got in between; <paramref name="change"/>
    /// answers false when the change does not fit (the basket is full).
    /// </summary>
    private static async Task<Results<Ok<BasketDto>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ClaimsPrincipal user, BasketStore baskets, Func<CustomerBasket, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var basket = await baskets.GetAsync(CustomerOf(user), cancellationToken);
            if (!change(basket))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["productId"] = [$"A basket holds at most {CustomerBasket.MaxItems} different products."],
                });
            }

            if (await baskets.TrySaveAsync(basket, cancellationToken))
            {
                return TypedResults.Ok(BasketDto.From(basket));
            }
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The basket kept changing",
            detail: $"The basket changed under this request {MaxAttempts} times in a row; nothing was changed. Try again.");
    }

    private static string CustomerOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? throw new InvalidOperationException("An authenticated caller without a sub claim.");
}

public sealed record BasketItemRequest(int? ProductId, int? Quantity);

public sealed record BasketDto(IReadOnlyList<BasketItemDto> Items)
{
    public static BasketDto From(CustomerBasket basket) =>
        new([.. basket.Items.OrderBy(i => i.ProductId).Select(i => new BasketItemDto(i.ProductId, i.Name, i.Quantity, i.UnitPrice, i.Currency))]);
}

public sealed record BasketItemDto(int ProductId, string Name, int Quantity, decimal UnitPrice, string Currency);

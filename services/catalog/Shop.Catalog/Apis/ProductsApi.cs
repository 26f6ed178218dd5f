using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.Catalog.Data;
using Shop.Catalog.Domain;
using Shop.ServiceDefaults.Auth;
using Shop.ServiceDefaults.Paging;

namespace Shop.Catalog.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Catalog");

        api.MapGet("/products", ListProducts)
            .AllowAnonymous()
            .WithName(nameof(ListProducts))
            .WithSummary("List products")
            .WithDescription("Products ordered by id, a page at a time, optionally of one category (any case) or matching a search in name and description.");
        api.MapGet("/products/{id}", GetProduct)
            .AllowAnonymous()
            .WithName(nameof(GetProduct))
            .WithSummary("Get a product")
            .WithDescription("One product by its id.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/categories", ListCategories)
            .AllowAnonymous()
            .WithName(nameof(ListCategories))
            .WithSummary("List categories")
            .WithDescription("Every category with how many products it holds, by name.");
        api.MapPost("/products", CreateProduct)
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName(nameof(CreateProduct))
            .WithSummary("Create a product")
            .WithDescription("Adds a product (role admin). Answers 201 with its Location.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/products/{id}", UpdateProduct)
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName(nameof(UpdateProduct))
            .WithSummary("Replace a product")
            .WithDescription("Replaces every field of a product (role admin). 409 if the product changed while this was being written.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<ProductDto>>, ValidationProblem>> ListProducts(
        CatalogDbContext db,
        CancellationToken cancellationToken,
        string? category = null,
        string? q = null,
        int page = 1,
        int pageSize = PageQuery.DefaultPageSize)
    {
        var errors = ProductValidation.ValidateQuery(page, pageSize, q, category);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(category))
        {
            products = products.InCategory(category);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{EscapeLike(q.Trim())}%";
            products = products.Where(p => EF.Functions.ILike(p.Name, pattern, @"\") || EF.Functions.ILike(p.Description, pattern, @"\"));
        }

        var total = await products.CountAsync(cancellationToken);
        var items = await products
            .OrderBy(p => p.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new ProductDto(p.Id, p.Name, p.Description, p.Category, p.Price, p.Currency, p.AvailableStock))
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(new PagedResult<ProductDto>(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<ProductDto>, ProblemHttpResult>> GetProduct(
        int id, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? ProductNotFound(id) : TypedResults.Ok(ProductDto.From(product));
    }

    public static async Task<Ok<List<CategoryDto>>> ListCategories(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Products
            .GroupBy(p => p.Category)
            .OrderBy(g => g.Key)
            .Select(g => new CategoryDto(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(categories);
    }

    public static async Task<Results<CreatedAtRoute<ProductDto>, ValidationProblem>> CreateProduct(
        ProductRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = new Product(
            request.Name!.Trim(), request.Description!, request.Category!.Trim(), request.Price!.Value, request.Currency!, request.AvailableStock!.Value);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.CreatedAtRoute(ProductDto.From(product), nameof(GetProduct), new { id = product.Id });
    }

    public static async Task<Results<Ok<ProductDto>, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        int id, ProductRequest request, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return ProductNotFound(id);
        }

        product.Update(
            request.Name!.Trim(), request.Description!, request.Category!.Trim(), request.Price!.Value, request.Currency!, request.AvailableStock!.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The product changed meanwhile",
                detail: $"Product {id} changed (e.g. stock was reserved for an order) between reading and writing it; nothing was written. Read it again and resend.");
        }

        return TypedResults.Ok(ProductDto.From(product));
    }

    private static ProblemHttpResult ProductNotFound(int id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Product not found",
        detail: $"No product has id {id}.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = [$"No product has id {id}."] } });

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}

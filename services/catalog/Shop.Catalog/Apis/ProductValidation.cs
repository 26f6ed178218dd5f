using System.Text.RegularExpressions;
using Shop.Catalog.Domain;
using Shop.ServiceDefaults.Paging;
using Shop.ServiceDefaults.Validation;

namespace Shop.Catalog.Apis;

/// <summary>Checks API input and names each wrong field the way the JSON spells it.</summary>
public static partial class ProductValidation
{
    public const int MaxSearchLength = 200;

    public static Dictionary<string, string[]> ValidateQuery(int page, int pageSize, string? q, string? category)
    {
        var errors = PageQuery.Validate(page, pageSize);
        if (q is { Length: > MaxSearchLength })
        {
            errors["q"] = [$"q must be at most {MaxSearchLength} characters."];
        }
        else if (q is not null && !PlainText.IsPlain(q))
        {
            errors["q"] = ["q must be text: no control characters, no unpaired surrogates."];
        }

        if (category is { Length: > ProductLimits.CategoryLength })
        {
            errors["category"] = [$"category must be at most {ProductLimits.CategoryLength} characters."];
        }
        else if (category is not null && !PlainText.IsPlain(category))
        {
            errors["category"] = ["category must be text: no control characters, no unpaired surrogates."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(ProductRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        RequireText(errors, "name", request.Name, ProductLimits.NameLength);
        RequireText(errors, "category", request.Category, ProductLimits.CategoryLength);

        if (request.Description is null)
        {
            errors["description"] = ["description is required (it may be empty)."];
        }
        else if (request.Description.Length > ProductLimits.DescriptionLength)
        {
            errors["description"] = [$"description must be at most {ProductLimits.DescriptionLength} characters."];
        }
        else if (!PlainText.IsPlain(request.Description, allowLineBreaks: true))
        {
            errors["description"] = ["description must be text: no control characters but line breaks and tabs, no unpaired surrogates."];
        }

        switch (request.Price)
        {
            case null:
                errors["price"] = ["price is required."];
                break;
            case <= 0:
                errors["price"] = ["price must be greater than 0."];
                break;
            case > ProductLimits.MaxPrice:
                errors["price"] = [$"price must be at most {ProductLimits.MaxPrice}."];
                break;
            case var price when decimal.Round(price.Value, 2) != price.Value:
                errors["price"] = ["price must have at most 2 decimal places."];
                break;
        }

        if (request.Currency is null || !CurrencyCode().IsMatch(request.Currency))
        {
            errors["currency"] = ["currency must be a 3-letter upper-case ISO 4217 code, e.g. USD."];
        }

        switch (request.AvailableStock)
        {
            case null:
                errors["availableStock"] = ["availableStock is required."];
                break;
            case < 0:
                errors["availableStock"] = ["availableStock must not be negative."];
                break;
        }

        return errors;
    }

    private static void RequireText(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required and must not be blank."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"{field} must be at most {maxLength} characters."];
        }
        else if (!PlainText.IsPlain(value))
        {
            errors[field] = [$"{field} must be text: no control characters, no unpaired surrogates."];
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}

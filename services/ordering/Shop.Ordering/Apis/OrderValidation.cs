using System.Text.RegularExpressions;
using Shop.Ordering.Domain;
using Shop.ServiceDefaults.Validation;

namespace Shop.Ordering.Apis;

/// <summary>Checks an order request and names each wrong field the way the JSON spells it (<c>items[2].quantity</c>).</summary>
public static partial class OrderValidation
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static Dictionary<string, string[]> Validate(string? idempotencyKey, PlaceOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            errors[IdempotencyKeyHeader] = [$"The {IdempotencyKeyHeader} header is required: a unique value per order, reused only to retry it."];
        }
        else if (!WellFormedKey().IsMatch(idempotencyKey))
        {
            errors[IdempotencyKeyHeader] = [$"{IdempotencyKeyHeader} must be 1 to {OrderLimits.IdempotencyKeyLength} characters of A-Z a-z 0-9 . _ : -."];
        }

        ValidateItems(errors, request.Items);
        ValidateAddress(errors, request.ShippingAddress);
        return errors;
    }

    private static void ValidateItems(Dictionary<string, string[]> errors, IReadOnlyList<OrderLineRequest?>? items)
    {
        if (items is null || items.Count == 0)
        {
            errors["items"] = ["items is required: 1 to 50 lines."];
            return;
        }

        if (items.Count > OrderLimits.MaxLines)
        {
            errors["items"] = [$"An order has at most {OrderLimits.MaxLines} lines; this one has {items.Count}."];
            return;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"items[{i}]";
            if (items[i] is not { } line)
            {
                errors[field] = [$"{field} must be an object with productId and quantity."];
                continue;
            }

            if (line.ProductId is not { } productId || productId < 1)
            {
                errors[$"{field}.productId"] = [$"{field}.productId is required and must be a positive whole number."];
            }
            else if (!seen.Add(productId))
            {
                errors[$"{field}.productId"] = [$"Product {productId} is already on an earlier line: put the whole quantity on one line."];
            }

            if (line.Quantity is not (>= 1 and <= OrderLimits.MaxQuantity))
            {
                errors[$"{field}.quantity"] = [$"{field}.quantity is required and must be between 1 and {OrderLimits.MaxQuantity}."];
            }
        }
    }

    private static void ValidateAddress(Dictionary<string, string[]> errors, ShippingAddressRequest? address)
    {
        if (address is null)
        {
            errors["shippingAddress"] = ["shippingAddress is required: line1, city, postalCode and country."];
            return;
        }

        RequireText(errors, "shippingAddress.line1", address.Line1, OrderLimits.AddressLineLength);
        RequireText(errors, "shippingAddress.city", address.City, OrderLimits.CityLength);
        RequireText(errors, "shippingAddress.postalCode", address.PostalCode, OrderLimits.PostalCodeLength);
        if (address.Country is null || !CountryCode().IsMatch(address.Country))
        {
            errors["shippingAddress.country"] = ["shippingAddress.country must be a 2-letter upper-case ISO 3166-1 code, e.g. DE."];
        }
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

    [GeneratedRegex(@"\A[A-Za-z0-9._:-]{1,128}\z")]
    private static partial Regex WellFormedKey();

    [GeneratedRegex(@"\A[A-Z]{2}\z")]
    private static partial Regex CountryCode();
}

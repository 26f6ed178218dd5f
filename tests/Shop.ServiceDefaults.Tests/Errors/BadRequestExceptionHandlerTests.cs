using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Shop.ServiceDefaults.Errors;
using Shouldly;

namespace Shop.ServiceDefaults.Tests.Errors;

public sealed class BadRequestExceptionHandlerTests
{
    [Theory]
    [InlineData("Failed to bind parameter \"int id\" from \"abc\".", "id", "The value 'abc' is not a valid integer.")]
    [InlineData("Failed to bind parameter \"int? page\" from \"x\".", "page", "The value 'x' is not a valid integer.")]
    [InlineData("Failed to bind parameter \"Guid orderId\" from \"1\".", "orderId", "The value '1' is not a valid identifier (UUID).")]
    [InlineData("Required parameter \"int pageSize\" was not provided from query string.", "pageSize", "The pageSize parameter is required.")]
    public void Binding_failures_name_the_parameter(string message, string field, string expected)
    {
        var (name, text) = BadRequestExceptionHandler.Describe(new BadHttpRequestException(message));

        name.ShouldBe(field);
        text.ShouldBe(expected);
    }

    [Fact]
    public void A_body_that_is_not_json_names_the_body()
    {
        var json = new JsonException("'b' is an invalid start of a property name.", "$", 0, 1);

        var (name, _) = BadRequestExceptionHandler.Describe(new BadHttpRequestException("Failed to read parameter \"ProductRequest request\" from the request body as JSON.", json));

        name.ShouldBe("body");
    }

    [Fact]
    public void A_json_value_of_the_wrong_type_names_its_path()
    {
        var json = new JsonException("The JSON value could not be converted to System.Nullable`1[System.Decimal].", "$.price", 0, 10);

        var (name, text) = BadRequestExceptionHandler.Describe(new BadHttpRequestException("Failed to read parameter \"ProductRequest request\" from the request body as JSON.", json));

        name.ShouldBe("price");
        text.ShouldContain("price");
    }

    [Fact]
    public void A_missing_body_names_the_body()
    {
        var (name, _) = BadRequestExceptionHandler.Describe(new BadHttpRequestException("Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?"));

        name.ShouldBe("body");
    }

    [Fact]
    public void An_unrecognised_failure_keeps_the_framework_message()
    {
        var (name, text) = BadRequestExceptionHandler.Describe(new BadHttpRequestException("Request line too long."));

        name.ShouldBe("request");
        text.ShouldBe("Request line too long.");
    }
}

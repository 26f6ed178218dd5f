using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

internal static class Problems
{
    /// <summary>Asserts a ProblemDetails response with <paramref name="status"/> whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task ShouldBeProblemNaming(this HttpResponseMessage response, HttpStatusCode status, string field)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.TryGetProperty("errors", out var errors).ShouldBeTrue($"no errors member in {problem}");
        errors.TryGetProperty(field, out _).ShouldBeTrue($"errors do not name '{field}': {errors}");
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shop.TestSupport;
using Shouldly;

namespace Shop.Catalog.Tests.Apis;

public sealed class OpenApiDocumentTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_document_passes_spectral_oas_without_a_single_finding()
    {
        var document = await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct);

        (await Spectral.LintAsync(document, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_api_endpoint_is_an_operation_that_names_its_id_and_what_protects_it()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        endpoints.Count.ShouldBe(5);

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetRequiredMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().HttpMethods.Single().ToLowerInvariant();
            var operation = paths.GetProperty(endpoint.RoutePattern.RawText!).GetProperty(method);
            operation.GetProperty("operationId").GetString().ShouldNotBeNullOrEmpty();

            var protectedByToken = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            operation.TryGetProperty("security", out _).ShouldBe(protectedByToken, $"{method} {endpoint.RoutePattern.RawText}");
            var responses = operation.GetProperty("responses");
            responses.TryGetProperty("401", out _).ShouldBe(protectedByToken);
            responses.TryGetProperty("403", out _).ShouldBe(protectedByToken);
        }
    }
}

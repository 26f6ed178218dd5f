using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Shop.ServiceDefaults.OpenApi;

/// <summary>
/// Every service's OpenAPI document, as an API consumer reads it through the gateway: a relative server (the
/// document is served through the gateway, so that is where the API is), the bearer scheme, and on every operation
/// that needs a token its security requirement and its 401 and 403 answers.
/// </summary>
public static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddShopOpenApi(this IServiceCollection services, string title, string description)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = title;
                document.Info.Description = description;
                document.Info.Contact = new OpenApiContact { Name = "Shop team" };
                document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway this document was fetched from" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token: from Cognito in AWS; locally from the gateway's POST /dev/token.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
                {
                    return;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No token, or one that is expired, tampered with or from another issuer.", problem));
                operation.Responses.TryAdd("403", Problem("The token is valid but lacks the role this operation needs.", problem));
            });
        });
        return services;
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}

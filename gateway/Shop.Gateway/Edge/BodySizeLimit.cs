using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Shop.Gateway.Edge;

/// <summary>
/// Bodies over <see cref="EdgeOptions.MaxRequestBodyBytes"/> get 413 before anything is sent on to a service. A declared
/// length is checked at once; a body of unknown length (chunked) is read into a buffer first, up to the limit, because
/// the proxy would otherwise be streaming it to the service by the time the limit is passed.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, IOptions<EdgeOptions> options)
{
    private const int MemoryThreshold = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            && !await BufferWithinAsync(request, limit, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        await next(context);
    }

    private static async Task<bool> BufferWithinAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        request.EnableBuffering(MemoryThreshold, limit);
        try
        {
            await request.Body.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            // The buffer's limit ("exceeded buffer limit") or the server's (a 413 BadHttpRequestException).
            return false;
        }

        request.Body.Position = 0;
        return true;
    }
}

using System.Net;
using System.Net.Http.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Shop.Basket.Catalog;

/// <summary>Asks catalog about a product over HTTP, through the standard resilience handler (retries, timeouts, circuit breaker).</summary>
public sealed class CatalogClient(HttpClient http)
{
    /// <summary>The product, or null when catalog says it does not exist.</summary>
    /// <exception cref="CatalogUnavailableException">Catalog did not answer usefully, even after retries.</exception>
    public async Task<CatalogProduct?> FindProductAsync(int productId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/api/catalog/products/{productId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<CatalogProduct>(cancellationToken)
                ?? throw new CatalogUnavailableException($"Catalog answered product {productId} with an empty body.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CatalogUnavailableException($"Catalog could not be asked about product {productId}: {ex.Message}", ex);
        }
    }
}

public sealed record CatalogProduct(int Id, string Name, decimal Price, string Currency, int AvailableStock);

public sealed class CatalogUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

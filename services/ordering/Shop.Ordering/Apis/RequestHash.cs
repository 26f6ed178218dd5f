using System.Security.Cryptography;
using System.Text.Json;

namespace Shop.Ordering.Apis;

/// <summary>A fingerprint of an order request's content, so a retry (same key, same content) is told from misuse of a key.</summary>
public static class RequestHash
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <summary>64 lower-case hex characters: SHA-256 of the request as re-serialized (so whitespace and key order do not matter).</summary>
    public static string Of(PlaceOrderRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Canonical)));
}

namespace Fulfilment.Channels.BigCommerce;

/// <summary>What we attach to each request so handlers and the resilience pipeline can tell stores apart.</summary>
internal static class BigCommerceRequest
{
    public static readonly HttpRequestOptionsKey<string> StoreHashKey = new("BigCommerce.StoreHash");

    public static void SetStoreHash(HttpRequestMessage request, string storeHash) => request.Options.Set(StoreHashKey, storeHash);

    public static string? GetStoreHash(HttpRequestMessage request) =>
        request.Options.TryGetValue(StoreHashKey, out var hash) ? hash : null;
}

using Fulfilment.Connections;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>
/// A connection's settings, the shipping mapping of a method and catalogue products, which the pipeline reads for every
/// order (to plan it at import, to hand it to write-back): kept on this instance for
/// <see cref="PipelineOptions.SettingsCacheSeconds"/>, since a backlog moves hundreds of orders of the same connection,
/// method and SKUs. Only what was found is kept: a mapping or product ops add applies to the next replay at once. The
/// normalise step (the replay path) reads products afresh, so a product ops correct applies to its replay at once too. The connection kept here is for its settings only:
/// never change it, and read it afresh for anything that calls the channel with its credentials (a token refresh
/// replaces them).
/// </summary>
public sealed class CachedSettings(IConnectionStore connections, IShippingMappingStore mappings, IProductStore products, IMemoryCache cache,
    IOptions<PipelineOptions> options)
{
    public Task<ChannelConnection?> ConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        GetAsync(new CacheKey("connection", connectionId, ""), ct => connections.GetAsync(connectionId, ct), cancellationToken);

    public Task<ShippingMapping?> MappingAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken) =>
        GetAsync(new CacheKey("mapping", connectionId, ShippingMapping.NormaliseMethod(shippingMethod)),
            ct => mappings.FindAsync(connectionId, shippingMethod, ct), cancellationToken);

    /// <summary>The catalogue entries of the SKUs that exist (missing SKUs absent); only the SKUs not kept are read.</summary>
    public async Task<IReadOnlyDictionary<string, Catalogue.Product>> ProductsAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var keepFor = TimeSpan.FromSeconds(options.Value.SettingsCacheSeconds);
        var found = new Dictionary<string, Catalogue.Product>(StringComparer.OrdinalIgnoreCase);
        var toRead = new List<string>();
        foreach (var sku in skus)
        {
            if (keepFor > TimeSpan.Zero && cache.TryGetValue(new CacheKey("product", "", sku), out Catalogue.Product? kept) && kept is not null)
                found[sku] = kept;
            else
                toRead.Add(sku);
        }
        if (toRead.Count == 0)
            return found;
        foreach (var (sku, product) in await products.GetManyAsync(toRead, cancellationToken).ConfigureAwait(false))
        {
            found[sku] = product;
            if (keepFor > TimeSpan.Zero)
                cache.Set(new CacheKey("product", "", sku), product, keepFor);
        }
        return found;
    }

    private async Task<T?> GetAsync<T>(CacheKey key, Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken) where T : class
    {
        var keepFor = TimeSpan.FromSeconds(options.Value.SettingsCacheSeconds);
        if (keepFor > TimeSpan.Zero && cache.TryGetValue(key, out T? kept) && kept is not null)
            return kept;
        var value = await read(cancellationToken).ConfigureAwait(false);
        if (value is not null && keepFor > TimeSpan.Zero)
            cache.Set(key, value, keepFor);
        return value;
    }

    private sealed record CacheKey(string Kind, string ConnectionId, string Name);
}

using Fulfilment.Connections;
using Fulfilment.Shipping;
using Fulfilment.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>
/// A connection's settings and the shipping mapping of a method, which the pipeline reads for every order (to normalise
/// it, to hand it to write-back): kept on this instance for <see cref="PipelineOptions.SettingsCacheSeconds"/>, since a
/// backlog moves hundreds of orders of the same connection and method. Only what was found is kept: a mapping ops add
/// for a method that had none applies to the next replay at once. The connection kept here is for its settings only:
/// never change it, and read it afresh for anything that calls the channel with its credentials (a token refresh
/// replaces them).
/// </summary>
public sealed class CachedSettings(IConnectionStore connections, IShippingMappingStore mappings, IMemoryCache cache, IOptions<PipelineOptions> options)
{
    public Task<ChannelConnection?> ConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        GetAsync(new CacheKey("connection", connectionId, ""), ct => connections.GetAsync(connectionId, ct), cancellationToken);

    public Task<ShippingMapping?> MappingAsync(string connectionId, string shippingMethod, CancellationToken cancellationToken) =>
        GetAsync(new CacheKey("mapping", connectionId, ShippingMapping.NormaliseMethod(shippingMethod)),
            ct => mappings.FindAsync(connectionId, shippingMethod, ct), cancellationToken);

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

using Microsoft.AspNetCore.Routing;
using Sandbox.BigCommerce.State;

namespace Sandbox.BigCommerce;

/// <summary>
/// Simulates BigCommerce as our channel sees it: the v2 order API and v3 hooks (with signed deliveries) under {BaseUrl}/bigcommerce/api, the login service
/// (token exchange, app install) under {BaseUrl}/bigcommerce/login, and controls under {BaseUrl}/_sandbox/bigcommerce.
/// Tests drive it through the public methods (in the partial files by concern); the demo and proof runs can use the
/// HTTP controls. Thread-safe: one lock guards all state. See README.md beside this file.
/// </summary>
public sealed partial class BigCommerceSimulator : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, SimStore> _stores = new(StringComparer.Ordinal);
    private readonly HttpClient _callbacks = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, long> _productIds = new(StringComparer.Ordinal);
    private long _nextOrderId = 100;
    private long _nextLineId = 1;
    private long _nextShipmentId = 1;
    private readonly BigCommerceWebhookDispatcher _hookDispatcher;

    public BigCommerceSimulator(TimeProvider time)
    {
        Time = time;
        _hookDispatcher = new BigCommerceWebhookDispatcher(time, () => Webhooks, DeactivateHook);
    }

    /// <summary>The simulator's clock: dates on orders, quota windows, outages and token expiry all read it.</summary>
    public TimeProvider Time { get; }

    /// <summary>Learnt from the first API request once the host knows its address; used in resource links.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Maps the API, login and control routes.</summary>
    public void MapRoutes(IEndpointRouteBuilder app)
    {
        MapApi(app);
        MapLogin(app);
        MapControls(app);
    }

    public void Dispose()
    {
        _hookDispatcher.Dispose();
        _callbacks.Dispose();
    }

    internal static bool IsValidHash(string? hash) =>
        !string.IsNullOrEmpty(hash) && hash.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');

    /// <summary>The store, or a <see cref="KeyNotFoundException"/>. Call under the lock.</summary>
    private SimStore Store(string storeHash) =>
        _stores.TryGetValue(storeHash, out var store) ? store : throw new KeyNotFoundException($"No simulated BigCommerce store '{storeHash}'.");

    private SimStore GetOrAddStore(string storeHash)
    {
        if (!_stores.TryGetValue(storeHash, out var store))
            _stores[storeHash] = store = new SimStore(storeHash);
        return store;
    }

    private bool HasStore(string storeHash)
    {
        lock (_lock)
            return _stores.ContainsKey(storeHash);
    }
}

using System.Security.Cryptography;

namespace Sandbox.BigCommerce;

// Stores: their tokens and what their API was asked.
public sealed partial class BigCommerceSimulator
{
    /// <summary>Creates (or resets the token and quota of) a store. Quota is per <paramref name="window"/> (default 30 s), like a Standard plan's 150.</summary>
    public void CreateStore(string storeHash, string? accessToken, int quota = 150, TimeSpan? window = null)
    {
        if (!IsValidHash(storeHash))
            throw new ArgumentException("A store hash is lower-case letters and digits.", nameof(storeHash));
        lock (_lock)
        {
            var store = GetOrAddStore(storeHash);
            store.Token = accessToken;
            store.Quota.Reset(quota, window ?? TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The store's current token (null after uninstall), so tests can build a connection after an install.</summary>
    public string? GetAccessToken(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Token;
    }

    /// <summary>Replaces the store's token, as when the merchant changes email or scopes: the old one answers 401.</summary>
    public string RotateAccessToken(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Token = NewToken();
    }

    /// <summary>API requests the store received, oldest first.</summary>
    public IReadOnlyList<BigCommerceRequestRecord> GetRequests(string storeHash)
    {
        lock (_lock)
            return Store(storeHash).Requests.ToList();
    }

    /// <summary>Forgets the store's request log and its counts (requests, 429s, most in flight).</summary>
    public void ClearRequests(string storeHash)
    {
        lock (_lock)
        {
            var store = Store(storeHash);
            store.Requests.Clear();
            store.RateLimited = 0;
            store.MaxInFlight = store.InFlight;
        }
    }

    /// <summary>The store's request counts, including the most requests it was answering at once (the concurrency counter).</summary>
    public BigCommerceStoreStats GetStats(string storeHash)
    {
        lock (_lock)
        {
            var store = Store(storeHash);
            return new BigCommerceStoreStats(store.Requests.Count, store.RateLimited, store.InFlight, store.MaxInFlight);
        }
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

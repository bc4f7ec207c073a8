namespace Sandbox.BigCommerce;

// What makes a store hard to talk to: injected faults, its quota and other apps' share of it, outages, listing quirks.
public sealed partial class BigCommerceSimulator
{
    /// <summary>Replaces the store's injected faults.</summary>
    public void SetFaults(string storeHash, BigCommerceFaults faults)
    {
        lock (_lock)
            Store(storeHash).Faults = faults;
    }

    /// <summary>Overrides the store's quota and window (and starts a fresh window).</summary>
    public void SetQuota(string storeHash, int quota, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quota);
        lock (_lock)
        {
            var store = Store(storeHash);
            store.Quota.Reset(quota, window ?? store.Quota.Length);
        }
    }

    /// <summary>
    /// Other apps spend <paramref name="requests"/> of the store's current window (all apps share one quota), so our
    /// client can meet a 429 it could not have seen coming from its own count.
    /// </summary>
    public void ConsumeQuota(string storeHash, int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        lock (_lock)
            Store(storeHash).Quota.Consume(Time.GetUtcNow(), requests);
    }

    /// <summary>
    /// Another app shares the store's quota: it spends one request of the window right after every
    /// <paramref name="everyNthRequest"/>th request of ours (0 stops it), after our answer's Requests-Left was counted.
    /// </summary>
    public void SetOtherAppLoad(string storeHash, int everyNthRequest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(everyNthRequest);
        lock (_lock)
        {
            var store = Store(storeHash);
            store.OtherAppEvery = everyNthRequest;
            store.AdmittedForOtherApp = 0;
        }
    }

    /// <summary>Every API call of the store answers 503 from <paramref name="from"/> until <paramref name="until"/> (exclusive) on the simulator's clock.</summary>
    public void SetOutage(string storeHash, DateTimeOffset from, DateTimeOffset until)
    {
        if (until <= from)
            throw new ArgumentException("An outage ends after it starts.", nameof(until));
        lock (_lock)
            Store(storeHash).Outage = (from, until);
    }

    /// <summary>Ends any outage of the store.</summary>
    public void ClearOutage(string storeHash)
    {
        lock (_lock)
            Store(storeHash).Outage = null;
    }

    /// <summary>How the store's order list orders ties of its sort key (UNCONFIRMED for the real API).</summary>
    public void SetTieOrder(string storeHash, BigCommerceTieOrder tieOrder)
    {
        lock (_lock)
            Store(storeHash).TieOrder = tieOrder;
    }
}

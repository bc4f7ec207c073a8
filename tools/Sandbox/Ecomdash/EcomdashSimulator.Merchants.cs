namespace Sandbox.Ecomdash;

// Test API: developer keys, merchants and their subscriptions, warehouses and carriers.
public sealed partial class EcomdashSimulator
{
    /// <summary>Registers a developer's APIM subscription key (<c>Ocp-Apim-Subscription-Key</c>); it works for every merchant.</summary>
    public void AddDeveloperKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (Lock) _developerKeys.Add(key);
    }

    /// <summary>Revokes a developer key: its calls then get APIM's 401 "invalid subscription key".</summary>
    public void RemoveDeveloperKey(string key)
    {
        lock (Lock) _developerKeys.Remove(key);
    }

    /// <summary>Adds a merchant with its default warehouse. Ids and ecd keys must be unique.</summary>
    public EcomdashMerchantCreated AddMerchant(EcomdashMerchantSeed seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seed.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(seed.EcdKey);
        lock (Lock)
        {
            if (_accounts.ContainsKey(seed.Id))
                throw new ArgumentException($"Merchant '{seed.Id}' already exists.", nameof(seed));
            if (_accounts.Values.Any(a => a.EcdKey == seed.EcdKey))
                throw new ArgumentException("Another merchant already has that ecd-subscription-key.", nameof(seed));
            var account = new EcomdashAccount(seed, Ids.Company(), Time);
            var warehouse = new SimWarehouse(Ids.Warehouse(), seed.DefaultWarehouseName, IsDefault: true);
            account.Warehouses.Add(warehouse);
            _accounts[seed.Id] = account;
            return new EcomdashMerchantCreated(seed.Id, account.CompanyId, warehouse.Id);
        }
    }

    /// <summary>Lapses (false) or renews (true) the merchant's ecomdash subscription; a lapsed one answers 403 to every call.</summary>
    public void SetSubscriptionActive(string merchantId, bool active)
    {
        lock (Lock) Account(merchantId).SubscriptionActive = active;
    }

    /// <summary>Changes the merchant's limits (defaults 120 calls a minute, 3 concurrent calls per operation).</summary>
    public void SetThrottle(string merchantId, int? callsPerMinute = null, int? concurrentCallsPerOperation = null)
    {
        lock (Lock)
        {
            var throttle = Account(merchantId).Throttle;
            if (callsPerMinute is { } calls) throttle.CallsPerMinute = calls;
            if (concurrentCallsPerOperation is { } concurrent) throttle.ConcurrentCallsPerOperation = concurrent;
        }
    }

    public long AddWarehouse(string merchantId, string name)
    {
        lock (Lock)
        {
            var warehouse = new SimWarehouse(Ids.Warehouse(), name, IsDefault: false);
            Account(merchantId).Warehouses.Add(warehouse);
            return warehouse.Id;
        }
    }

    /// <summary>Adds a carrier to the merchant's list (GET /carriers) and returns its id.</summary>
    public long AddCarrier(string merchantId, string name)
    {
        lock (Lock)
        {
            var carrier = new SimCarrier(Ids.Carrier(), name);
            Account(merchantId).Carriers.Add(carrier);
            return carrier.Id;
        }
    }
}

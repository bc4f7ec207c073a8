namespace Sandbox.Ecomdash;

/// <summary>One merchant (ecomdash company) and everything the simulator keeps for it; guarded by the simulator's lock.</summary>
internal sealed class EcomdashAccount(EcomdashMerchantSeed seed, long companyId, TimeProvider time)
{
    public string Id { get; } = seed.Id;
    public long CompanyId { get; } = companyId;
    public string EcdKey { get; set; } = seed.EcdKey;
    public string? ApplicationId { get; set; } = seed.ApplicationId;
    public bool SubscriptionActive { get; set; } = seed.SubscriptionActive;
    public EcomdashThrottle Throttle { get; } = new(time)
    {
        CallsPerMinute = seed.CallsPerMinute,
        ConcurrentCallsPerOperation = seed.ConcurrentCallsPerOperation,
    };

    public List<SimWarehouse> Warehouses { get; } = [];
    public List<SimCarrier> Carriers { get; } = [];
    public Dictionary<string, long> StorefrontIds { get; } = new(StringComparer.Ordinal);
    public List<SimProduct> Products { get; } = [];
    public List<SimOrder> Orders { get; } = [];
    public List<SimShipment> Shipments { get; } = [];

    public List<EcomdashTrackingSubmission> TrackingSubmissions { get; } = [];
    public List<EcomdashQuantityUpdate> QuantityUpdates { get; } = [];
    public List<EcomdashPriceUpdate> PriceUpdates { get; } = [];

    public EcomdashFaults Faults { get; set; } = new();
    public Dictionary<string, EnvelopeOverride> EnvelopeOverrides { get; } = new(StringComparer.Ordinal);

    public SimWarehouse DefaultWarehouse => Warehouses.First(w => w.IsDefault);

    public SimOrder? Order(long id) => Orders.FirstOrDefault(o => o.Id == id);

    public SimProduct? ActiveProductBySku(string sku) =>
        Products.FirstOrDefault(p => p.IsActive && string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the <c>application-id</c> header fits this company: required and equal for App Store keys, absent otherwise.</summary>
    public bool AcceptsApplicationId(string? applicationId) =>
        ApplicationId is null
            ? string.IsNullOrEmpty(applicationId)
            : string.Equals(ApplicationId, applicationId, StringComparison.OrdinalIgnoreCase);
}

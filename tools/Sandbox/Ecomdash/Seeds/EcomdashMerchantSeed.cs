namespace Sandbox.Ecomdash;

/// <summary>
/// An ecomdash company (merchant account). <see cref="EcdKey"/> is its API integration key (Administration → Settings →
/// Tools); with <see cref="ApplicationId"/> it is an App Store subscription and calls must send that <c>application-id</c>.
/// </summary>
public sealed record EcomdashMerchantSeed(string Id, string EcdKey)
{
    public string? ApplicationId { get; init; }
    public bool SubscriptionActive { get; init; } = true;
    public int CallsPerMinute { get; init; } = 120;
    public int ConcurrentCallsPerOperation { get; init; } = 3;

    /// <summary>Name of the warehouse every company starts with (it is the default for quantity updates without a WarehouseId).</summary>
    public string DefaultWarehouseName { get; init; } = "ECD Warehouse";
}

/// <summary>The ids the simulator gave a new merchant.</summary>
public sealed record EcomdashMerchantCreated(string Id, long CompanyId, long DefaultWarehouseId);

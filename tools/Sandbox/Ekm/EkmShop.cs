namespace Sandbox.Ekm;

/// <summary>One merchant's shop as the simulator holds it. Guarded by the simulator's lock.</summary>
internal sealed class EkmShop(string username)
{
    /// <summary>The spec example's statuses, in its order.</summary>
    public static IReadOnlyList<EkmOrderStatus> DefaultStatuses { get; } =
    [
        new("Pending", "#000099", true),
        new("Processing", "#FF0000", true),
        new("Dispatched", "#FF00FF", true),
        new("Complete", "#FF00FF", true),
        new("Failed", "#FFFF00", true),
        new("Declined", "#0000FF", true),
        new("Refunded", "#000099", true),
    ];

    public string Username { get; } = username;
    public List<EkmOrderStatus> Statuses { get; } = [.. DefaultStatuses];
    public SortedDictionary<long, EkmStoredOrder> Orders { get; } = new();
    public SortedDictionary<long, EkmStoredProduct> Products { get; } = new();
    public List<EkmWriteBack> WriteBacks { get; } = [];
    public Dictionary<Guid, EkmWebhookSubscription> Webhooks { get; } = new();
    public EkmFaults Faults { get; set; } = new();

    /// <summary>Order JSON carries a status as the upper-case form of its name: UNCONFIRMED for names with spaces.</summary>
    public static string OrderStatusCode(string name) => name.ToUpperInvariant();

    public bool HasStatusCode(string code) => Statuses.Any(s => string.Equals(OrderStatusCode(s.Name), code, StringComparison.Ordinal));

    public EkmStoredProduct? ProductByCode(string code) =>
        Products.Values.FirstOrDefault(p => string.Equals(p.Seed.ProductCode, code, StringComparison.Ordinal));
}

/// <summary>A product and its simulator-given id.</summary>
internal sealed record EkmStoredProduct(long Id, EkmProductSeed Seed, DateTimeOffset LastModified);

/// <summary>An order line and its id.</summary>
internal sealed record EkmStoredLine(long Id, long ProductId, string ItemName, EkmOrderLineSeed Seed);

/// <summary>An order's current state; seeded values plus what merchants and apps changed since.</summary>
internal sealed class EkmStoredOrder
{
    public required long Id { get; init; }
    public required string OrderNumber { get; init; }
    public required Guid Guid { get; init; }
    public required EkmOrderSeed Seed { get; init; }
    public required DateTimeOffset OrderDate { get; init; }
    public required IReadOnlyList<EkmStoredLine> Lines { get; init; }
    public required long CustomerId { get; init; }
    public required long AddressId { get; init; }
    public DateTimeOffset? LastUpdated { get; set; }
    public required string Status { get; set; }
    public required string PaymentStatus { get; set; }
    public string? TransactionId { get; set; }
    public string? DeliveryTrackingNumber { get; set; }
    public string? DeliveryTrackingCompany { get; set; }
    public string? DeliveryTrackingUrl { get; set; }
    public bool Emailed { get; set; }
}

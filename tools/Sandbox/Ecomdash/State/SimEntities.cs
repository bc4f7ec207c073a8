namespace Sandbox.Ecomdash;

/// <summary>A company's warehouse.</summary>
internal sealed record SimWarehouse(long Id, string Name, bool IsDefault);

/// <summary>A company's carrier, as GET /carriers lists it; submitTrackingInfo's CarrierId must be one of these.</summary>
internal sealed record SimCarrier(long Id, string Name);

/// <summary>An inventory product; mutable because quantity and price updates change it.</summary>
internal sealed class SimProduct
{
    public required long Id { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; set; }
    public required string Type { get; init; }
    public string? Upc { get; init; }
    public string? Ean { get; init; }
    public bool IsActive { get; set; } = true;
    public decimal Price { get; set; }
    public DateTimeOffset CreatedDate { get; init; }

    /// <summary>Quantity on hand per warehouse id, in the order the product was stocked.</summary>
    public Dictionary<long, decimal> Stock { get; } = [];

    public decimal QuantityOnHand => Stock.Values.Sum();

    public EcomdashProductSnapshot Snapshot() => new(Id, Sku, Name, Type, Upc, Ean, IsActive, Price, new Dictionary<long, decimal>(Stock));
}

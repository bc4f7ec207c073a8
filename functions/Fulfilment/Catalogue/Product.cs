namespace Fulfilment.Catalogue;

/// <summary>Our catalogue entry for a SKU: the weight and customs data we trust over any channel's.</summary>
public sealed record Product
{
    public required string Sku { get; init; }
    public string? Name { get; init; }
    public required int WeightGrams { get; init; }
    /// <summary>
    /// False for a weight taken from a channel's product for a SKU we had never seen: not used for postage until a
    /// person confirms it (imports and the management API always store confirmed weights).
    /// </summary>
    public bool WeightConfirmed { get; init; } = true;
    /// <summary>Where an unconfirmed entry came from (e.g. "EKM product 42"), for the person confirming it.</summary>
    public string? Source { get; init; }
    public int? HeightMm { get; init; }
    public int? WidthMm { get; init; }
    public int? DepthMm { get; init; }
    public string? CustomsDescription { get; init; }
    public string? TariffCode { get; init; }
    public string? OriginCountryCode { get; init; }
    /// <summary>Stock on hand and price, synced to channels that list products.</summary>
    public int? QuantityOnHand { get; init; }
    public decimal? Price { get; init; }
    /// <summary>The product's UPC (GTIN-12, digits as printed), for linking it to a channel's product.</summary>
    public string? Upc { get; init; }
    /// <summary>The product's EAN (GTIN-13 or GTIN-8), for linking it to a channel's product.</summary>
    public string? Ean { get; init; }
    /// <summary>
    /// Stock on hand per warehouse (our warehouse code → quantity), synced to channels that keep stock per warehouse;
    /// null when only the total <see cref="QuantityOnHand"/> is known. When set, <see cref="QuantityOnHand"/> is their sum.
    /// </summary>
    public IReadOnlyDictionary<string, int>? WarehouseQuantities { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

namespace Fulfilment.Catalogue;

/// <summary>Our catalogue entry for a SKU: the weight and customs data we trust over any channel's.</summary>
public sealed record Product
{
    public required string Sku { get; init; }
    public string? Name { get; init; }
    public required int WeightGrams { get; init; }
    public int? HeightMm { get; init; }
    public int? WidthMm { get; init; }
    public int? DepthMm { get; init; }
    public string? CustomsDescription { get; init; }
    public string? TariffCode { get; init; }
    public string? OriginCountryCode { get; init; }
    /// <summary>Stock on hand and price, synced to channels that list products.</summary>
    public int? QuantityOnHand { get; init; }
    public decimal? Price { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

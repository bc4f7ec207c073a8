using Fulfilment.Orders;

namespace Fulfilment.Shipping;

/// <summary>
/// Our canonical, normalised order: what a carrier needs to create one shipment. Built by normalisation from the channel
/// order, the catalogue and the shipping mapping; carriers map it into their own request, nothing else.
/// </summary>
public sealed record ShipmentPlan
{
    /// <summary>Our deterministic reference for the carrier (see <see cref="OrderKey.CarrierReference"/>).</summary>
    public required string Reference { get; init; }
    public required string ChannelOrderNumber { get; init; }
    public required string Carrier { get; init; }
    public required string CarrierAccountId { get; init; }
    public required string ServiceCode { get; init; }
    public required string PackageFormat { get; init; }
    public required DateTimeOffset OrderDate { get; init; }
    public required Address Recipient { get; init; }
    public string? SenderTradingName { get; init; }
    public required string Currency { get; init; }
    public decimal Subtotal { get; init; }
    public decimal ShippingCost { get; init; }
    public decimal Total { get; init; }
    public required int TotalWeightGrams { get; init; }
    public Dimensions? Dimensions { get; init; }
    /// <summary>True when the destination is outside the sender's customs territory, so contents need customs data.</summary>
    public required bool RequiresCustoms { get; init; }
    public required IReadOnlyList<ShipmentLine> Lines { get; init; }
    public string? SpecialInstructions { get; init; }
    /// <summary>The customer pays on delivery: the carrier collects <see cref="Total"/>.</summary>
    public bool CashOnDelivery { get; init; }
    /// <summary>Which routing rule or mapping chose the carrier, for the order's history.</summary>
    public string? RoutedBy { get; init; }
}

/// <summary>One physical line with its catalogue data.</summary>
public sealed record ShipmentLine
{
    public required string ChannelLineId { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public required int Quantity { get; init; }
    public decimal UnitValue { get; init; }
    public required int UnitWeightGrams { get; init; }
    public string? CustomsDescription { get; init; }
    public string? TariffCode { get; init; }
    public string? OriginCountryCode { get; init; }
}

/// <summary>Package dimensions in millimetres.</summary>
public sealed record Dimensions(int HeightMm, int WidthMm, int DepthMm);

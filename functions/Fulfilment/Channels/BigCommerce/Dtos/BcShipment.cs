namespace Fulfilment.Channels.BigCommerce.Dtos;

/// <summary>A shipment recorded on an order.</summary>
public sealed class BcShipment
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public long OrderAddressId { get; set; }
    public string? DateCreated { get; set; }
    public string? TrackingNumber { get; set; }
    public string? ShippingMethod { get; set; }
    public string? ShippingProvider { get; set; }
    public string? TrackingCarrier { get; set; }
    public string? GeneratedTrackingLink { get; set; }
    public List<BcShipmentItem> Items { get; set; } = [];
}

/// <summary>A line of a shipment.</summary>
public sealed class BcShipmentItem
{
    public long OrderProductId { get; set; }
    public int Quantity { get; set; }
}

/// <summary>The body of POST /v2/orders/{id}/shipments.</summary>
public sealed class BcCreateShipmentRequest
{
    public required long OrderAddressId { get; init; }
    public required IReadOnlyList<BcShipmentItem> Items { get; init; }
    public string? TrackingNumber { get; init; }
    /// <summary>"", auspost, canadapost, endicia, usps, fedex, royalmail, ups, upsready, shipperhq or carrier_{id}.</summary>
    public string ShippingProvider { get; init; } = "";
    /// <summary>An AfterShip slug; left empty when we do not know one.</summary>
    public string TrackingCarrier { get; init; } = "";
    public string? ShippingMethod { get; init; }
    public string? Comments { get; init; }
}

namespace Fulfilment.Channels.Ecomdash.Dtos;

/// <summary>A shipment of an order (portal: Get Shipments Tied to an Order); Shipments/Create answers the same shape (UNCONFIRMED).</summary>
public sealed record EdShipment
{
    public decimal Id { get; init; }
    public decimal? EcomdashOrderId { get; init; }
    public string? ShipmentNumber { get; init; }
    public string? Status { get; init; }
    public List<EdShipmentItem>? Items { get; init; }
}

/// <summary>One shipment item; its <see cref="Id"/> is what submitTrackingInfo's LineItems[].LineItemId names.</summary>
public sealed record EdShipmentItem
{
    public decimal Id { get; init; }
    public decimal OrderLineItemId { get; init; }
    public decimal QuantityShipped { get; init; }
    public bool? IsShipped { get; init; }
    public EdCarrier? CompanyCarrier { get; init; }
    public string? TrackingNumber { get; init; }
}

public sealed record EdCarrier(decimal Id, string? Name);

public sealed record EdWarehouse(decimal Id, string? Name, bool? IsDefault);

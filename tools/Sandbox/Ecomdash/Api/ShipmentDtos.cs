namespace Sandbox.Ecomdash;

/// <summary>A shipment, shaped like the portal's "Get Shipments Tied to an Order" sample; Shipments/Create answers the same.</summary>
internal sealed record ShipmentDto(
    decimal Id,
    decimal CompanyId,
    decimal EcomdashOrderId,
    string ShipmentNumber,
    DateTimeOffset? ShippedDate,
    decimal ShipToContactId,
    string Status,
    ContactDto ShipToContact,
    IReadOnlyList<ShipmentItemDto> Items)
{
    public static ShipmentDto From(SimShipment shipment, SimOrder order, EcomdashAccount account) => new(
        shipment.Id, account.CompanyId, order.Id, shipment.ShipmentNumber, shipment.ShippedDate, order.ShipToContactId, shipment.Status,
        ContactDto.From(order),
        shipment.Items.Select(i => ShipmentItemDto.From(shipment, i, order, account)).ToList());
}

/// <summary>One shipment item; its <c>Id</c> is what submitTrackingInfo's <c>LineItems[i].LineItemId</c> refers to.</summary>
internal sealed record ShipmentItemDto(
    decimal Id,
    decimal ShipmentId,
    decimal OrderLineItemId,
    decimal QuantityShipped,
    bool IsShipped,
    CarrierDto? CompanyCarrier,
    string? TrackingNumber,
    decimal? ProductId,
    string Sku)
{
    public static ShipmentItemDto From(SimShipment shipment, SimShipmentItem item, SimOrder order, EcomdashAccount account)
    {
        var line = order.Lines.Single(l => l.Id == item.LineId);
        var carrier = account.Carriers.FirstOrDefault(c => c.Id == item.CarrierId);
        return new(item.Id, shipment.Id, item.LineId, item.Quantity, item.IsShipped,
            carrier is null ? null : new CarrierDto(carrier.Id, carrier.Name), item.TrackingNumber, line.ProductId, line.Sku);
    }
}

/// <summary>A company carrier: GET /carriers and a shipment item's CompanyCarrier.</summary>
internal sealed record CarrierDto(decimal Id, string Name);

/// <summary>A company warehouse (members beyond Id and Name UNCONFIRMED).</summary>
internal sealed record WarehouseDto(decimal Id, string Name, bool IsDefault);

namespace Sandbox.Ecomdash;

/// <summary>A sales order; its status moves to Complete when every physical line has shipped.</summary>
internal sealed class SimOrder
{
    public required long Id { get; init; }
    public required long StorefrontId { get; init; }
    public required string StorefrontName { get; init; }
    public required string StorefrontOrderNumber { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset OrderDate { get; init; }
    public required EcomdashOrderStatus Status { get; set; }
    public required string ShippingMethod { get; init; }
    public required decimal ShippingAmount { get; init; }
    public required long ShipToContactId { get; init; }
    public required long ShipToAddressId { get; init; }
    public required EcomdashContactSeed ShipTo { get; init; }
    public List<SimLine> Lines { get; } = [];

    public decimal TotalAmount => Lines.Sum(l => l.Total) + ShippingAmount;
}

/// <summary>An order line.</summary>
internal sealed class SimLine
{
    public required long Id { get; init; }
    public required long OrderId { get; init; }
    public long? ProductId { get; init; }
    public required string Sku { get; init; }
    public required string ProductName { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal UnitPrice { get; init; }
    public bool IsDigital { get; init; }
    public long? WarehouseId { get; init; }
    public string? WarehouseName { get; init; }
    public required string EcommerceLineItemId { get; init; }

    public decimal Total => Quantity * UnitPrice;
}

/// <summary>A shipment created by Shipments/Create; its items become shipped when tracking is submitted.</summary>
internal sealed class SimShipment
{
    public required long Id { get; init; }
    public required long OrderId { get; init; }
    public required string ShipmentNumber { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ShippedDate { get; set; }
    public List<SimShipmentItem> Items { get; } = [];

    /// <summary>Pending until every item has tracking, then Shipped (the "Pending" name is UNCONFIRMED).</summary>
    public string Status => Items.All(i => i.IsShipped) ? "Shipped" : "Pending";

    public EcomdashShipmentRecord Record() => new(Id, OrderId, ShipmentNumber, CreatedAt, ShippedDate, Status,
        Items.Select(i => new EcomdashShipmentItemRecord(i.Id, i.LineId, i.Quantity, i.IsShipped, i.CarrierId, i.TrackingNumber)).ToList());
}

/// <summary>A quantity of one order line in a shipment.</summary>
internal sealed class SimShipmentItem
{
    public required long Id { get; init; }
    public required long LineId { get; init; }
    public required decimal Quantity { get; init; }
    public bool IsShipped { get; set; }
    public long? CarrierId { get; set; }
    public string? TrackingNumber { get; set; }
}

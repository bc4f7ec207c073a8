namespace Sandbox.Ecomdash;

/// <summary>A shipment as the simulator holds it now, for asserting what the pipeline wrote back.</summary>
public sealed record EcomdashShipmentRecord(
    long ShipmentId,
    long OrderId,
    string ShipmentNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ShippedDate,
    string Status,
    IReadOnlyList<EcomdashShipmentItemRecord> Items);

/// <summary>One shipment item (a quantity of one order line) and the tracking it has, if any.</summary>
public sealed record EcomdashShipmentItemRecord(
    long ShipmentItemId,
    long OrderLineItemId,
    decimal Quantity,
    bool IsShipped,
    long? CarrierId,
    string? TrackingNumber);

/// <summary>
/// One accepted element of a submitTrackingInfo call, kept even when it repeats an earlier one, so tests can assert
/// that tracking went back exactly once.
/// </summary>
public sealed record EcomdashTrackingSubmission(
    DateTimeOffset ReceivedAt,
    long OrderId,
    long ShipmentId,
    long? CarrierId,
    string? TrackingNumber,
    DateTimeOffset? ShippedDate,
    DateTimeOffset? EstimatedDeliveryDate,
    IReadOnlyList<EcomdashTrackedItem> Items);

/// <summary>A shipment item a tracking submission marked shipped, with the carrier and number it got.</summary>
public sealed record EcomdashTrackedItem(long ShipmentItemId, long OrderLineItemId, long? CarrierId, string TrackingNumber);

/// <summary>One applied element of an updateQuantityOnHand call.</summary>
public sealed record EcomdashQuantityUpdate(DateTimeOffset At, long ProductId, string Sku, long WarehouseId, decimal Quantity);

/// <summary>One applied price change (from PUT /Inventory).</summary>
public sealed record EcomdashPriceUpdate(DateTimeOffset At, long ProductId, string Sku, decimal OldPrice, decimal Price);

/// <summary>A product as the simulator holds it now.</summary>
public sealed record EcomdashProductSnapshot(
    long Id,
    string Sku,
    string Name,
    string Type,
    string? Upc,
    string? Ean,
    bool IsActive,
    decimal Price,
    IReadOnlyDictionary<long, decimal> QuantityByWarehouse);

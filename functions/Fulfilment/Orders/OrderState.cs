namespace Fulfilment.Orders;

/// <summary>
/// Where an order is in its life. Final states: WrittenBack, Despatched (when write-back is off), Skipped, Cancelled,
/// Returned. A return to origin (a cancellation after pickup) can still follow a written-back order.
/// </summary>
public enum OrderState
{
    Imported,
    Normalised,
    ShipmentRequested,
    ShipmentCreated,
    Despatched,
    WrittenBack,
    Skipped,
    NeedsAttention,
    /// <summary>Cancelled before it left us: never sent, or its carrier shipment cancelled (deleted) before pickup.</summary>
    Cancelled,
    /// <summary>Cancelled after pickup: the carrier is returning the parcel to origin.</summary>
    Returning,
    /// <summary>The parcel is back at origin.</summary>
    Returned,
}

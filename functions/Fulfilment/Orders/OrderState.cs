namespace Fulfilment.Orders;

/// <summary>Where an order is in its life. Final states: WrittenBack, Despatched (when write-back is off), Skipped, Cancelled.</summary>
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
}

namespace Fulfilment.Storage;

/// <summary>
/// State of one carrier shipment. Open shipments are the ones we still watch: until despatch for carriers we poll for
/// it, until a final tracking state for carriers that report tracking events.
/// </summary>
public enum ShipmentState
{
    Open,
    Despatched,
    /// <summary>Cancelled at the carrier before it left us (deleted, or cancelled before pickup).</summary>
    Cancelled,
    /// <summary>Tracking reached a final state after despatch (delivered, returned to origin); the tracking state says which.</summary>
    Closed,
}

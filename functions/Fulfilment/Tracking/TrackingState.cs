namespace Fulfilment.Tracking;

/// <summary>
/// Our canonical tracking states, whatever the carrier calls them. Each carrier maps its own status codes to these in
/// its folder; the pipeline reads only these.
/// </summary>
public enum TrackingState
{
    /// <summary>The carrier has the shipment's details; the parcel has not left us.</summary>
    Created,
    PickedUp,
    InTransit,
    OutForDelivery,
    Delivered,
    /// <summary>A delivery attempt failed or was not made; the carrier tries again or returns it.</summary>
    Undelivered,
    /// <summary>A return to origin was started (a cancellation after pickup, or deliveries that kept failing).</summary>
    RtoInitiated,
    RtoInTransit,
    /// <summary>The parcel is back at origin.</summary>
    RtoDelivered,
    /// <summary>Cancelled before pickup.</summary>
    Cancelled,
    Lost,
}

/// <summary>What each tracking state means for the shipment and its order.</summary>
public static class TrackingStates
{
    /// <summary>Nothing happens to a shipment after these.</summary>
    public static bool IsFinal(TrackingState state) =>
        state is TrackingState.Delivered or TrackingState.RtoDelivered or TrackingState.Cancelled;

    /// <summary>The parcel has left us: the order counts as despatched.</summary>
    public static bool IsAfterPickup(TrackingState state) =>
        state is not (TrackingState.Created or TrackingState.Cancelled);

    /// <summary>A return to origin is under way or done.</summary>
    public static bool IsReturn(TrackingState state) =>
        state is TrackingState.RtoInitiated or TrackingState.RtoInTransit or TrackingState.RtoDelivered;

    /// <summary>
    /// How far along a shipment's journey a state is; breaks ties between events stamped with the same time (a
    /// cancellation and its creation in the same second), never overrides event time.
    /// </summary>
    public static int Rank(TrackingState state) => state switch
    {
        TrackingState.Created => 0,
        TrackingState.PickedUp => 1,
        TrackingState.InTransit => 2,
        TrackingState.OutForDelivery => 3,
        TrackingState.Undelivered => 4,
        TrackingState.Lost => 5,
        TrackingState.RtoInitiated => 6,
        TrackingState.RtoInTransit => 7,
        TrackingState.Delivered => 8,
        TrackingState.RtoDelivered => 9,
        TrackingState.Cancelled => 10,
        _ => 0,
    };
}

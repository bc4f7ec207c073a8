namespace Fulfilment.Tracking;

/// <summary>Where a shipment is, as its events say: the state now, since when, and when it was picked up.</summary>
/// <param name="State">Null until an event with a state we map has arrived.</param>
/// <param name="StateAt">The event time of <paramref name="State"/>.</param>
/// <param name="CarrierStatus">The carrier's own code of that event.</param>
/// <param name="PickedUpAt">The time of the earliest event that shows the parcel had left us.</param>
public sealed record TrackingSummary(TrackingState? State, DateTimeOffset? StateAt, string? CarrierStatus, DateTimeOffset? PickedUpAt)
{
    public static readonly TrackingSummary None = new(null, null, null, null);
}

/// <summary>
/// Folds a shipment's events into its state by event time, whatever order they arrived in: an older event that
/// arrives late never moves the shipment backwards, because the newest event wins however late it came; events with
/// the same time are ordered by how far along the journey they are; once a final state (delivered, returned,
/// cancelled) is reached nothing moves the shipment again. Pure, so every order of arrival gives the same answer.
/// </summary>
public static class TrackingProjection
{
    public static TrackingSummary Summarise(IEnumerable<TrackingEvent> events)
    {
        var mapped = events
            .Where(e => e.State is not null)
            .OrderBy(e => e.At)
            .ThenBy(e => TrackingStates.Rank(e.State!.Value))
            .ThenBy(e => e.CarrierStatus, StringComparer.Ordinal)
            .ToList();
        TrackingEvent? current = null;
        DateTimeOffset? pickedUpAt = null;
        foreach (var e in mapped)
        {
            var state = e.State!.Value;
            if (TrackingStates.IsAfterPickup(state))
                pickedUpAt ??= e.At;
            if (current is { State: { } held } && TrackingStates.IsFinal(held))
                continue;
            current = e;
        }
        return current is null
            ? TrackingSummary.None
            : new TrackingSummary(current.State, current.At, current.CarrierStatus, pickedUpAt);
    }
}

namespace Fulfilment.Tracking;

/// <summary>
/// One tracking event as a carrier reports it (by webhook or its track API), already mapped: the carrier's own status
/// code is kept beside our state (null when the code is one we do not map, so it is shown but changes nothing).
/// </summary>
/// <param name="At">When it happened, as the carrier stamps it (not when we heard of it).</param>
/// <param name="CarrierEventId">The carrier's id of the event, when it gives one.</param>
public sealed record CarrierTrackingEvent(
    DateTimeOffset At,
    string CarrierStatus,
    TrackingState? State,
    string? Location = null,
    string? Description = null,
    string? CarrierEventId = null);

/// <summary>Where a tracking event reached us from.</summary>
public enum TrackingEventSource
{
    Webhook,
    /// <summary>The carrier's track API, asked because the shipment had been silent.</summary>
    Poll,
}

/// <summary>
/// A stored tracking event of one shipment. Its identity is the shipment, the event time and the carrier's status code,
/// so the same event heard twice (a duplicate webhook, or a webhook and a poll) is stored once.
/// </summary>
public sealed record TrackingEvent
{
    public required string CarrierAccountId { get; init; }
    public required string CarrierShipmentId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string CarrierStatus { get; init; }
    public TrackingState? State { get; init; }
    public string? Location { get; init; }
    public string? Description { get; init; }
    public string? CarrierEventId { get; init; }
    public required TrackingEventSource Source { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The body as the carrier sent it (webhooks), kept for ops and for re-mapping later.</summary>
    public string? Raw { get; init; }

    public static TrackingEvent From(string carrierAccountId, string carrierShipmentId, CarrierTrackingEvent carrierEvent,
        TrackingEventSource source, DateTimeOffset receivedAt, string? raw = null) => new()
    {
        CarrierAccountId = carrierAccountId,
        CarrierShipmentId = carrierShipmentId,
        At = carrierEvent.At,
        CarrierStatus = carrierEvent.CarrierStatus,
        State = carrierEvent.State,
        Location = carrierEvent.Location,
        Description = carrierEvent.Description,
        CarrierEventId = carrierEvent.CarrierEventId,
        Source = source,
        ReceivedAt = receivedAt,
        Raw = raw,
    };
}

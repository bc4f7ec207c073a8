using Fulfilment.Carriers.Ekart.Dtos;
using Fulfilment.Tracking;

namespace Fulfilment.Carriers.Ekart;

/// <summary>Ekart's history entries as our tracking events.</summary>
public static class EkartEvents
{
    /// <summary>Longest carrier status we keep (it is part of an event's identity); longer codes are cut.</summary>
    public const int MaxStatusLength = 200;

    public static IReadOnlyList<CarrierTrackingEvent> From(EkartTrackedShipment shipment) =>
        shipment.History.Select(h => Event(h.Status, h.At, h.City, h.HubName, h.Description, null)).ToList();

    public static CarrierTrackingEvent Event(string status, DateTimeOffset at, string? city, string? hubName, string? description, string? eventId)
    {
        var code = status.Trim();
        if (code.Length > MaxStatusLength) code = code[..MaxStatusLength];
        var location = string.Join(", ", new[] { hubName, city }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new CarrierTrackingEvent(at, code, EkartStatusMap.Map(code), location.Length == 0 ? null : location, description, eventId);
    }

    /// <summary>Where the shipment is, as its history says.</summary>
    public static TrackingSummary Summarise(EkartTrackedShipment shipment, string carrierAccountId) =>
        TrackingProjection.Summarise(From(shipment).Select(e =>
            TrackingEvent.From(carrierAccountId, shipment.TrackingId, e, TrackingEventSource.Poll, DateTimeOffset.MinValue)));
}

using Fulfilment.Tracking;

namespace Fulfilment.Storage;

/// <summary>Every tracking event of every shipment, one partition per shipment, in event-time order.</summary>
public interface ITrackingEventStore
{
    /// <summary>Stores the events the shipment does not hold yet (same time and carrier status = the same event); returns those added.</summary>
    Task<IReadOnlyList<TrackingEvent>> AddNewAsync(string carrierAccountId, string carrierShipmentId, IReadOnlyList<TrackingEvent> events, CancellationToken cancellationToken);
    /// <summary>The shipment's events, oldest first by event time.</summary>
    Task<IReadOnlyList<TrackingEvent>> ListAsync(string carrierAccountId, string carrierShipmentId, CancellationToken cancellationToken);
}

using Fulfilment.Connections;
using Fulfilment.Tracking;

namespace Fulfilment.Carriers;

/// <summary>
/// A carrier whose shipments report tracking events (by webhook, and on request through its track API). The pipeline
/// asks it about shipments it has heard nothing of for a while; its events are mapped to our <see cref="TrackingState"/>s
/// in the carrier's folder.
/// </summary>
public interface ICarrierTracking
{
    /// <summary>The carrier's name as its descriptor gives it.</summary>
    string Carrier { get; }

    /// <summary>Most shipments one <see cref="TrackAsync"/> call may ask about.</summary>
    int MaxTrackBatchSize { get; }

    /// <summary>Every event the carrier holds for each shipment, by the carrier's shipment id; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<CarrierTrackingEvent>>> TrackAsync(CarrierAccount account, IReadOnlyList<string> carrierShipmentIds,
        CancellationToken cancellationToken);
}

using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Tracking;

/// <summary>What became of the events of one shipment that reached us.</summary>
/// <param name="Added">Events we did not hold before (the others were duplicates).</param>
/// <param name="ShipmentKnown">False when no shipment of ours has that id: the events are kept, nothing is applied.</param>
public sealed record TrackingIntakeResult(int Added, bool ShipmentKnown);

/// <summary>
/// Where a carrier's tracking events enter the pipeline, however they came (its webhook handler, or the poll of silent
/// shipments): each is stored once, keyed by its time and carrier status, and the shipment is queued to have its events
/// applied in event-time order. Cheap enough to answer a webhook fast: one read, one batch of writes, one message.
/// </summary>
public sealed class TrackingEventIntake(
    ITrackingEventStore events,
    IShipmentStore shipments,
    IWorkQueue queue,
    TimeProvider time,
    ILogger<TrackingEventIntake> logger)
{
    public async Task<TrackingIntakeResult> ReceiveAsync(string carrierAccountId, string carrierShipmentId, IReadOnlyList<CarrierTrackingEvent> received,
        TrackingEventSource source, string? raw, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = received.Select(e => TrackingEvent.From(carrierAccountId, carrierShipmentId, e, source, now, raw)).ToList();
        var added = await events.AddNewAsync(carrierAccountId, carrierShipmentId, stored, cancellationToken);
        var shipment = await shipments.GetAsync(carrierAccountId, carrierShipmentId, cancellationToken);
        if (shipment is null)
        {
            // Not ours (yet): a shipment whose creation we have not recorded picks its events up when it is next applied.
            logger.LogWarning("Tracking events for unknown shipment {ShipmentId} of account {AccountId} kept ({Added} new).", carrierShipmentId, carrierAccountId, added.Count);
            return new TrackingIntakeResult(added.Count, false);
        }
        // A webhook always queues: a duplicate may be the carrier retrying after we stored the event but failed to queue it.
        if (added.Count > 0 || source == TrackingEventSource.Webhook)
            await queue.SendAsync(StorageNames.Queues.TrackingApply, new TrackShipmentMessage(shipment.Order.ConnectionId, shipment.Order.ChannelOrderId,
                carrierAccountId, carrierShipmentId, PipelineTracing.CurrentTraceParent()), cancellationToken);
        return new TrackingIntakeResult(added.Count, true);
    }
}

using System.Diagnostics;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Tracking;

/// <summary>
/// Queue step: folds a shipment's stored events into its tracking state (<see cref="TrackingProjection"/>: event-time
/// order, so late or repeated events change nothing) and moves its order on: picked up → Despatched and written back;
/// a return → Returning, then Returned; cancelled before pickup → Cancelled. Idempotent: it recomputes from the events
/// every time, and every write is ETag-guarded (a conflict reads again and recomputes).
/// </summary>
public sealed class ApplyTrackingStep(
    IShipmentStore shipments,
    ITrackingEventStore events,
    IOrderStore orders,
    OrderDespatcher despatcher,
    PartnerRegistry partners,
    TimeProvider time,
    ILogger<ApplyTrackingStep> logger)
{
    private const int MaxAttempts = 5;

    public async Task<TrackingState?> RunAsync(TrackShipmentMessage message, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("order.key", $"{message.ConnectionId}/{message.ChannelOrderId}");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(message, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Another delivery or step changed the shipment or order meanwhile: recompute from what is stored now.
            }
        }
    }

    private async Task<TrackingState?> ApplyAsync(TrackShipmentMessage message, CancellationToken cancellationToken)
    {
        var shipment = await shipments.GetAsync(message.CarrierAccountId, message.CarrierShipmentId, cancellationToken);
        if (shipment is null)
        {
            logger.LogWarning("Tracking of unknown shipment {ShipmentId} of account {AccountId}; nothing to apply.", message.CarrierShipmentId, message.CarrierAccountId);
            return null;
        }
        var held = await events.ListAsync(shipment.CarrierAccountId, shipment.CarrierShipmentId, cancellationToken);
        var summary = TrackingProjection.Summarise(held);
        var previous = shipment.TrackingState;
        if (UpdateShipment(shipment, summary, held))
            await shipments.SaveAsync(shipment, cancellationToken);

        if (summary.State is { } state)
            await MoveOrderAsync(shipment, summary, state, previous, cancellationToken);
        return summary.State;
    }

    /// <summary>Brings the shipment in line with its events; true when anything changed.</summary>
    private static bool UpdateShipment(ShipmentRecord shipment, TrackingSummary summary, IReadOnlyList<TrackingEvent> held)
    {
        var changed = false;
        if (summary.State is { } state && (shipment.TrackingState != state || shipment.TrackingStateAt != summary.StateAt)
            && !(shipment.State == ShipmentState.Cancelled && summary.PickedUpAt is null && state != TrackingState.Cancelled))
        {
            shipment.TrackingState = state;
            shipment.TrackingStateAt = summary.StateAt;
            shipment.CarrierStatus = summary.CarrierStatus;
            changed = true;
        }
        // The earliest event after pickup says when the parcel left, even when it arrived after later ones.
        if (summary.PickedUpAt is { } pickedUp && (shipment.DespatchedAt is null || pickedUp < shipment.DespatchedAt))
        {
            shipment.DespatchedAt = pickedUp;
            changed = true;
        }
        var lastHeard = held.Count == 0 ? (DateTimeOffset?)null : held.Max(e => e.ReceivedAt);
        if (lastHeard > (shipment.LastHeardAt ?? DateTimeOffset.MinValue))
        {
            shipment.LastHeardAt = lastHeard;
            changed = true;
        }
        // Open while there is more to hear; a shipment found again after "lost" opens again. One the carrier told us it
        // cancelled stays so while its own "cancelled" event is on its way, unless events show the parcel left us.
        var open = summary.State switch
        {
            TrackingState.Cancelled => ShipmentState.Cancelled,
            TrackingState.Delivered or TrackingState.RtoDelivered => ShipmentState.Closed,
            _ when shipment.State == ShipmentState.Cancelled && summary.PickedUpAt is null => ShipmentState.Cancelled,
            _ => ShipmentState.Open,
        };
        if (shipment.State != open)
        {
            shipment.State = open;
            changed = true;
        }
        return changed;
    }

    private async Task MoveOrderAsync(ShipmentRecord shipment, TrackingSummary summary, TrackingState state, TrackingState? previous, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(shipment.Order, cancellationToken);
        if (order is null || order.CarrierShipmentId != shipment.CarrierShipmentId)
            return; // not the order's current shipment (a duplicate the carrier holds): its events only describe it
        var carrier = partners.FindCarrier(shipment.Carrier)?.Descriptor;
        var carrierName = carrier?.ShippingCarrier ?? shipment.Carrier;
        var what = $"{carrierName} {shipment.CarrierShipmentId}: {summary.CarrierStatus}";
        var now = time.GetUtcNow();

        if (TrackingStates.IsReturn(state))
        {
            if (order.State is OrderState.ShipmentCreated or OrderState.Despatched or OrderState.WrittenBack or OrderState.NeedsAttention)
            {
                order.MoveTo(OrderState.Returning, now, $"returning to origin ({what})");
                await orders.SaveAsync(order, cancellationToken);
            }
            if (state == TrackingState.RtoDelivered && order.State == OrderState.Returning)
            {
                order.MoveTo(OrderState.Returned, now, $"returned to origin ({what})");
                await orders.SaveAsync(order, cancellationToken);
            }
            return;
        }
        if (state == TrackingState.Cancelled)
        {
            if (order.State is OrderState.ShipmentCreated || order is { State: OrderState.NeedsAttention, ResumeState: OrderState.Imported })
            {
                order.MoveTo(OrderState.Cancelled, now, $"cancelled at the carrier before pickup ({what})");
                await orders.SaveAsync(order, cancellationToken);
            }
            return;
        }
        if (state == TrackingState.Lost && previous != TrackingState.Lost)
        {
            order.Note(now, $"{carrierName} reports shipment {shipment.CarrierShipmentId} lost ({summary.CarrierStatus}); ask the carrier.");
            await orders.SaveAsync(order, cancellationToken);
            logger.LogWarning("Shipment {ShipmentId} of order {OrderKey} is lost.", shipment.CarrierShipmentId, order.Key);
        }
        if (TrackingStates.IsAfterPickup(state) && summary.PickedUpAt is { } pickedUp)
            await despatcher.DespatchAsync(order, carrierName, shipment.TrackingNumber, pickedUp, cancellationToken);
    }
}

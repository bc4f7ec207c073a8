using Fulfilment.Carriers;
using Fulfilment.Orders;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Fulfilment.Tracking;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Cancellation;

/// <summary>
/// Cancels an order wherever it is: before it reached a carrier it is simply Cancelled (and leaves the outbox); while
/// its carrier order is being created the cancellation waits for it (Pending); once a carrier holds it, the carrier is
/// asked (<see cref="ICarrierCancellation"/>): cancelled before pickup, returned to origin after, or refused with the
/// carrier's reason. Every step is written to the order's history. Safe to run twice: a cancelled order is left as it is,
/// and carriers answer a repeated cancellation with the state the shipment is in.
/// </summary>
public sealed class OrderCancellation(
    IOrderStore orders,
    IShipmentStore shipments,
    IPendingShipmentStore pending,
    ICarrierAccountStore accounts,
    PartnerRegistry partners,
    TimeProvider time,
    ILogger<OrderCancellation> logger)
{
    private const int MaxAttempts = 5;
    public const int MaxReasonLength = 500;

    /// <summary>Cancels the order. Carrier transport and auth failures throw the carrier's <c>PartnerException</c>.</summary>
    public async Task<CancelOutcome> CancelAsync(OrderKey key, string reason, CancellationSource source, CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? "Cancelled" : reason.Trim();
        if (reason.Length > MaxReasonLength)
            reason = reason[..MaxReasonLength];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CancelOnceAsync(key, reason, source, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // The order moved meanwhile (a tracking event, a drain): decide again from where it is now.
            }
        }
    }

    private async Task<CancelOutcome> CancelOnceAsync(OrderKey key, string reason, CancellationSource source, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(key, cancellationToken);
        if (order is null)
            return new CancelOutcome(CancelOutcomeKind.NotFound, null, $"There is no order {key}.");
        if (OrderStateMachine.IsCancelled(order.State))
            return new CancelOutcome(CancelOutcomeKind.AlreadyCancelled, order.State, $"Order {key} is {order.State} already.");
        if (order.State == OrderState.Skipped)
            return new CancelOutcome(CancelOutcomeKind.Refused, order.State, $"Order {key} was skipped ({order.Reason}); nothing ships, so there is nothing to cancel.");

        var why = Describe(order, reason, source);
        var now = time.GetUtcNow();
        if (order.CarrierShipmentId is null && order.State is OrderState.Imported or OrderState.Normalised or OrderState.NeedsAttention)
        {
            var account = order.Plan?.CarrierAccountId;
            order.CancelReason = reason;
            order.MoveTo(OrderState.Cancelled, now, $"{why}; it had not reached a carrier");
            await orders.SaveAsync(order, cancellationToken);
            if (account is not null)
                await pending.RemoveAsync(account, key, cancellationToken);
            return new CancelOutcome(CancelOutcomeKind.Cancelled, order.State, "Cancelled before it was sent to a carrier.");
        }
        if (order.State == OrderState.ShipmentRequested)
        {
            if (order.CancelRequestedAt is null)
            {
                order.CancelRequestedAt = now;
                order.CancelReason = reason;
                order.Note(now, $"{why}; its carrier order is being created and is cancelled once it exists");
                await orders.SaveAsync(order, cancellationToken);
            }
            return new CancelOutcome(CancelOutcomeKind.Pending, order.State, "The carrier order is being created; it is cancelled once it exists.");
        }
        return await CancelAtCarrierAsync(order, reason, why, cancellationToken);
    }

    private async Task<CancelOutcome> CancelAtCarrierAsync(FulfilmentOrder order, string reason, string why, CancellationToken cancellationToken)
    {
        var accountId = order.Plan?.CarrierAccountId;
        var shipment = accountId is null || order.CarrierShipmentId is null
            ? null
            : await shipments.GetAsync(accountId, order.CarrierShipmentId, cancellationToken);
        if (shipment is null)
            return await RefuseAsync(order, why, $"Order {order.Key} has no carrier shipment on record to cancel.", cancellationToken);
        var carrierName = partners.FindCarrier(shipment.Carrier)?.Descriptor.ShippingCarrier ?? shipment.Carrier;
        if (partners.FindCancellation(shipment.Carrier) is not { } carrier)
            return await RefuseAsync(order, why, $"{carrierName} shipments cannot be cancelled through its API; cancel {shipment.CarrierShipmentId} there.", cancellationToken);
        var account = await accounts.GetAsync(shipment.CarrierAccountId, cancellationToken);
        if (account is null)
            return await RefuseAsync(order, why, $"Carrier account {shipment.CarrierAccountId} no longer exists; cancel {shipment.CarrierShipmentId} at {carrierName}.", cancellationToken);

        var answer = shipment.State == ShipmentState.Cancelled
            ? new CarrierCancellation(CarrierCancelOutcome.Cancelled, $"{carrierName} shipment {shipment.CarrierShipmentId} was cancelled already.")
            : await carrier.CancelAsync(account, shipment.CarrierShipmentId, shipment.Reference, reason, cancellationToken);
        logger.LogInformation("Cancellation of order {OrderKey} at {Carrier}: {Outcome} ({Message}).", order.Key, carrierName, answer.Outcome, answer.Message);
        if (answer.Outcome == CarrierCancelOutcome.Refused)
            return await RefuseAsync(order, why, answer.Message, cancellationToken);

        await RecordOnShipmentAsync(shipment, answer.Outcome, cancellationToken);
        return await RecordOnOrderAsync(order.Key, reason, why, answer, cancellationToken);
    }

    /// <summary>
    /// The carrier has acted: the order follows, read again as often as it takes (the carrier is never asked twice for
    /// one cancellation because the order changed meanwhile).
    /// </summary>
    private async Task<CancelOutcome> RecordOnOrderAsync(OrderKey key, string reason, string why, CarrierCancellation answer, CancellationToken cancellationToken)
    {
        var target = answer.Outcome == CarrierCancelOutcome.Cancelled ? OrderState.Cancelled : OrderState.Returning;
        for (var attempt = 1; ; attempt++)
        {
            var order = await orders.GetAsync(key, cancellationToken) ?? throw new InvalidOperationException($"Order {key} vanished while it was cancelled.");
            try
            {
                var now = time.GetUtcNow();
                order.CancelReason = reason;
                if (order.State == target || (target == OrderState.Returning && order.State == OrderState.Returned))
                    order.Note(now, $"{why}: {answer.Message}");
                else if (OrderStateMachine.CanMove(order.State, target))
                    order.MoveTo(target, now, $"{why}: {answer.Message}");
                else
                    order.Note(now, $"{why}: {answer.Message} (the order is {order.State})");
                await orders.SaveAsync(order, cancellationToken);
                return new CancelOutcome(target == OrderState.Cancelled ? CancelOutcomeKind.Cancelled : CancelOutcomeKind.Returning, order.State, answer.Message);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>A cancelled shipment leaves the open index; a returning one stays open, so its tracking is followed home.</summary>
    private async Task RecordOnShipmentAsync(ShipmentRecord shipment, CarrierCancelOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await shipments.GetAsync(shipment.CarrierAccountId, shipment.CarrierShipmentId, cancellationToken) ?? shipment;
            if (outcome == CarrierCancelOutcome.Cancelled)
            {
                if (current.State == ShipmentState.Cancelled)
                    return;
                current.State = ShipmentState.Cancelled;
                current.TrackingState ??= TrackingState.Cancelled;
            }
            else if (current.TrackingState is null || !TrackingStates.IsReturn(current.TrackingState.Value))
            {
                current.State = ShipmentState.Open;
            }
            else
            {
                return;
            }
            try
            {
                await shipments.SaveAsync(current, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task<CancelOutcome> RefuseAsync(FulfilmentOrder order, string why, string message, CancellationToken cancellationToken)
    {
        order.Note(time.GetUtcNow(), $"{why}; it cannot be cancelled: {message}");
        await orders.SaveAsync(order, cancellationToken);
        logger.LogWarning("Order {OrderKey} cannot be cancelled: {Message}", order.Key, message);
        return new CancelOutcome(CancelOutcomeKind.Refused, order.State, message);
    }

    private static string Describe(FulfilmentOrder order, string reason, CancellationSource source) => source switch
    {
        CancellationSource.Channel => $"Cancelled on {order.Channel} ({reason})",
        _ => $"Cancelled by an operator ({reason})",
    };
}

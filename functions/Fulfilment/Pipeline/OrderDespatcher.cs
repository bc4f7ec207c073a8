using Fulfilment.Orders;
using Fulfilment.Storage;

namespace Fulfilment.Pipeline;

/// <summary>
/// Moves an order whose parcel has left us to Despatched (once) and hands it to the write-back outbox when its
/// connection writes despatches back; handing over again is harmless (the outbox keeps one entry per order).
/// </summary>
public sealed class OrderDespatcher(IOrderStore orders, CachedSettings settings, DespatchWriteBacks writeBacks, TimeProvider time)
{
    /// <summary>True when the order is despatched (now or before); false when it is not at a state that can be.</summary>
    /// <exception cref="ConcurrencyConflictException">The order changed meanwhile: read it again and retry.</exception>
    public async Task<bool> DespatchAsync(FulfilmentOrder order, string shippingCarrier, string? trackingNumber, DateTimeOffset despatchedAt,
        CancellationToken cancellationToken)
    {
        using var activity = PipelineTracing.StartStep("Despatched", order.TraceParent);
        activity?.SetTag("order.key", order.Key.ToString());
        if (order.State == OrderState.ShipmentCreated)
        {
            order.TrackingNumber = trackingNumber ?? order.TrackingNumber;
            order.DespatchedAt = despatchedAt;
            order.MoveTo(OrderState.Despatched, time.GetUtcNow(), $"{shippingCarrier} tracking {order.TrackingNumber}");
            await orders.SaveAsync(order, cancellationToken);
        }
        if (order.State != OrderState.Despatched)
            return OrderStateMachine.Progress(order.State) > OrderStateMachine.Progress(OrderState.Despatched);
        var connection = await settings.ConnectionAsync(order.Key.ConnectionId, cancellationToken);
        if (connection is { MarkDespatchedOnChannel: true })
            await writeBacks.StartAsync(order, cancellationToken);
        return true;
    }
}

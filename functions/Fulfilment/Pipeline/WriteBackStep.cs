using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Queue step: writes a despatched order's shipment and tracking number back to its channel, driven by the write-back
/// outbox. One delivery at a time per order (a lease), so two deliveries never record two shipments; channels also
/// look for one with the same tracking number first. A failure the channel may recover from (an outage, a rate limit,
/// revoked credentials awaiting a reconnect) is retried with back-off for as long as it lasts: the entry is rescheduled
/// and the message completes. A refusal is recorded on the order as NeedsAttention, and a replay writes it back again.
/// </summary>
public sealed class WriteBackStep(
    IOrderStore orders,
    IConnectionStore connections,
    IWriteBackOutbox outbox,
    ILeaseStore leases,
    DespatchWriteBacks writeBacks,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    TimeProvider time,
    ILogger<WriteBackStep> logger)
{
    /// <summary>Longer than one channel call with its retries; a crashed holder's lease lapses by then.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    public async Task<OrderState?> RunAsync(WriteBackMessage message, CancellationToken cancellationToken)
    {
        var key = new OrderKey(message.ConnectionId, message.ChannelOrderId);
        Activity.Current?.SetTag("order.key", key.ToString());

        await using var lease = await leases.TryAcquireAsync($"writeback-{key}", LeaseDuration, cancellationToken);
        if (lease is null)
        {
            logger.LogInformation("Order {OrderKey} is being written back by another delivery; this one stands down.", key);
            return null;
        }

        // Read after taking the lease: a delivery that held it may just have finished.
        var order = await orders.GetAsync(key, cancellationToken);
        if (order is null || order.State != OrderState.Despatched)
        {
            await outbox.RemoveAsync(key, cancellationToken);
            if (order is null)
                logger.LogError("Write-back message for unknown order {OrderKey}; nothing to do.", key);
            return order?.State;
        }

        var connection = await connections.GetAsync(key.ConnectionId, cancellationToken);
        if (connection is null)
            return await NeedsAttentionAsync(order, "The connection is gone; tracking was not written back.", cancellationToken);
        if (partners.FindChannel(connection.Channel) is not { } channel || !channel.Descriptor.Capabilities.HasFlag(ChannelCapabilities.DespatchWriteBack))
            return await NeedsAttentionAsync(order, $"Channel {connection.Channel} cannot record despatches.", cancellationToken);
        if (connection.Status != ConnectionStatus.Active)
            return await RetryLaterAsync(order, $"the connection is {connection.Status}{(connection.StatusReason is null ? "" : $" ({connection.StatusReason})")}", cancellationToken);

        var plan = order.Plan!;
        var notice = new DespatchNotice
        {
            ChannelOrderId = key.ChannelOrderId,
            ShippingAddressId = order.Snapshot.ShippingAddressId,
            Lines = plan.Lines.Select(l => new DespatchLine(l.ChannelLineId, l.Quantity)).ToList(),
            TrackingNumber = order.TrackingNumber ?? throw new InvalidOperationException($"Despatched order {key} has no tracking number."),
            ShippingCarrier = partners.FindCarrier(plan.Carrier)?.Descriptor.ShippingCarrier ?? plan.Carrier,
            ServiceName = plan.ServiceCode,
            DespatchedAt = order.DespatchedAt ?? time.GetUtcNow(),
        };

        DespatchResult result;
        try
        {
            result = await channel.MarkDespatchedAsync(connection, notice, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            connection = await credentialFailures.ConnectionRefusedAsync(connection, ex, cancellationToken);
            return await RetryLaterAsync(order, connection.StatusReason ?? ex.Message, cancellationToken);
        }
        catch (PartnerException ex) when (ex.IsRetryable)
        {
            return await RetryLaterAsync(order, $"{ex.Partner}: {ex.Message}", cancellationToken);
        }
        catch (PartnerException ex)
        {
            return await NeedsAttentionAsync(order, $"{ex.Partner} refused the despatch: {ex.Message}", cancellationToken);
        }

        order.MoveTo(OrderState.WrittenBack, time.GetUtcNow(),
            result.AlreadyRecorded ? $"shipment {result.ChannelShipmentId} already on the channel" : $"shipment {result.ChannelShipmentId} created on the channel");
        await orders.SaveAsync(order, cancellationToken);
        await outbox.RemoveAsync(key, cancellationToken);
        return order.State;
    }

    private async Task<OrderState> RetryLaterAsync(FulfilmentOrder order, string why, CancellationToken cancellationToken)
    {
        var attempts = ((await outbox.GetAsync(order.Key, cancellationToken))?.Attempts ?? 0) + 1;
        var next = writeBacks.NextAttemptAfter(attempts);
        // An entry lost meanwhile is made again, so this order cannot be forgotten.
        await outbox.AddAsync(order.Key, next, order.TraceParent, cancellationToken);
        await outbox.RescheduleAsync(order.Key, next, attempts, why, cancellationToken);
        logger.LogWarning("Write-back of order {OrderKey} failed (attempt {Attempt}): {Why}; next attempt at {Next:u}.", order.Key, attempts, why, next);
        return order.State;
    }

    private async Task<OrderState> NeedsAttentionAsync(FulfilmentOrder order, string reason, CancellationToken cancellationToken)
    {
        order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(), reason);
        await orders.SaveAsync(order, cancellationToken);
        await outbox.RemoveAsync(order.Key, cancellationToken);
        logger.LogWarning("Order {OrderKey} needs attention: {Reason}", order.Key, reason);
        return order.State;
    }
}

using System.Diagnostics;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Queue step: writes a despatched order's shipment and tracking number back to its channel. Idempotent: a written-back
/// order is left alone, and channels check for an existing shipment with the same tracking number before creating one.
/// Transient failures throw so the queue retries; a refusal or revoked credential is recorded on the order (replayable).
/// </summary>
public sealed class WriteBackStep(
    IOrderStore orders,
    IConnectionStore connections,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    TimeProvider time,
    ILogger<WriteBackStep> logger)
{
    public async Task<OrderState?> RunAsync(WriteBackMessage message, CancellationToken cancellationToken)
    {
        var key = new OrderKey(message.ConnectionId, message.ChannelOrderId);
        // The host-facing middleware runs this step inside the trace the message carried.
        Activity.Current?.SetTag("order.key", key.ToString());

        var order = await orders.GetAsync(key, cancellationToken);
        if (order is null)
        {
            logger.LogError("Write-back message for unknown order {OrderKey}; nothing to do.", key);
            return null;
        }
        if (order.State != OrderState.Despatched)
        {
            logger.LogInformation("Order {OrderKey} is {State}; write-back message ignored.", key, order.State);
            return order.State;
        }

        var connection = await connections.GetAsync(key.ConnectionId, cancellationToken);
        if (connection is null || connection.Status != ConnectionStatus.Active)
            return await NeedsAttentionAsync(order, $"The connection is {(connection is null ? "gone" : connection.Status.ToString())}; tracking was not written back.", cancellationToken);
        if (partners.FindChannel(connection.Channel) is not { } channel || !channel.Descriptor.Capabilities.HasFlag(ChannelCapabilities.DespatchWriteBack))
            return await NeedsAttentionAsync(order, $"Channel {connection.Channel} cannot record despatches.", cancellationToken);

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
            return await NeedsAttentionAsync(order, connection.StatusReason ?? ex.Message, cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            return await NeedsAttentionAsync(order, $"{ex.Partner} refused the despatch: {ex.Message}", cancellationToken);
        }

        order.MoveTo(OrderState.WrittenBack, time.GetUtcNow(),
            result.AlreadyRecorded ? $"shipment {result.ChannelShipmentId} already on the channel" : $"shipment {result.ChannelShipmentId} created on the channel");
        await orders.SaveAsync(order, cancellationToken);
        return order.State;
    }

    private async Task<OrderState> NeedsAttentionAsync(FulfilmentOrder order, string reason, CancellationToken cancellationToken)
    {
        order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(), reason);
        await orders.SaveAsync(order, cancellationToken);
        logger.LogWarning("Order {OrderKey} needs attention: {Reason}", order.Key, reason);
        return order.State;
    }
}

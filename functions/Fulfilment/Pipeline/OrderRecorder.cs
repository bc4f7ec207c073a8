using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>What recording one listed order came to.</summary>
public enum RecordOutcome
{
    /// <summary>New: recorded and queued for normalisation.</summary>
    Imported,
    /// <summary>Held already (queued again if it is still only Imported).</summary>
    Known,
    /// <summary>New, but the channel could not give it or it could not be mapped: recorded as needing attention.</summary>
    Unreadable,
}

/// <summary>
/// Records an order a channel listed (by a poll or an order webhook): once, by its deterministic key, then queued for
/// normalisation. An order the channel cannot give us, or that cannot be mapped, is recorded as a stand-in that needs
/// attention, so it is neither lost nor blocking the others; a replay reads it again.
/// </summary>
public sealed class OrderRecorder(IOrderStore orders, IWorkQueue queue, TimeProvider time, ILogger<OrderRecorder> logger)
{
    public async Task<RecordOutcome> RecordAsync(ChannelConnection connection, IChannel channel, ChannelOrderSummary summary, CancellationToken cancellationToken)
    {
        var key = new OrderKey(connection.Id, summary.ChannelOrderId);
        var existing = await orders.GetAsync(key, cancellationToken);
        if (existing is not null)
        {
            // A crash may have come between recording and queueing; normalisation is idempotent.
            if (existing.State == OrderState.Imported)
                await QueueNormaliseAsync(key, cancellationToken);
            return RecordOutcome.Known;
        }

        ChannelOrder channelOrder;
        try
        {
            channelOrder = await channel.GetOrderAsync(connection, summary, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not PartnerException { IsRetryable: true } && ex is not PartnerException { Kind: PartnerFailureKind.Authentication })
        {
            var reason = $"The order could not be read from {connection.Channel}: {ex.Message} Fix it on the channel, then replay the order.";
            channelOrder = ChannelOrder.StandIn(summary.ChannelOrderId, summary.ModifiedAt, reason);
            logger.LogError(ex, "Order {OrderKey} could not be read; recorded as needing attention.", key);
        }

        var now = time.GetUtcNow();
        var order = new FulfilmentOrder(key, connection.Channel, channelOrder, now) { TraceParent = PipelineTracing.CurrentTraceParent() };
        if (channelOrder.IsStandIn)
            order.MoveTo(OrderState.NeedsAttention, now, channelOrder.ImportProblem);
        if (!await orders.TryAddAsync(order, cancellationToken))
            return RecordOutcome.Known; // recorded meanwhile by a poll or a webhook that overlapped ours
        if (channelOrder.IsStandIn)
            return RecordOutcome.Unreadable;
        await QueueNormaliseAsync(key, cancellationToken);
        return RecordOutcome.Imported;
    }

    private Task QueueNormaliseAsync(OrderKey key, CancellationToken cancellationToken) =>
        queue.SendAsync(StorageNames.Queues.OrderNormalise, new NormaliseOrderMessage(key.ConnectionId, key.ChannelOrderId, PipelineTracing.CurrentTraceParent()), cancellationToken);
}

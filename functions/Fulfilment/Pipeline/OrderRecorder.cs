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
/// Records an order a channel listed (by a poll or an order webhook): once, by its deterministic key. Where planning
/// needs nothing from the channel, the order is planned before it is written, so it is recorded already Normalised (or
/// Skipped, or NeedsAttention with the reason) and goes straight to its carrier account's outbox; otherwise it is
/// recorded Imported and queued for the normalise step. An order the channel cannot give us, or that cannot be mapped,
/// is recorded as a stand-in that needs attention, so it is neither lost nor blocking the others; a replay reads it again.
/// </summary>
public sealed class OrderRecorder(IOrderStore orders, OrderPlanning planning, IPendingShipmentStore pending, IWorkQueue queue, TimeProvider time,
    ILogger<OrderRecorder> logger)
{
    /// <summary>
    /// Records one order (an order webhook's hint) the caller has just looked for in storage and not found: it is not
    /// read again (one recorded meanwhile is still found by the insert, which then changes nothing).
    /// </summary>
    public async Task<RecordOutcome> RecordUnknownAsync(ChannelConnection connection, IChannel channel, ChannelOrderSummary summary, CancellationToken cancellationToken) =>
        (await RecordAsync(connection, channel, [summary], new Dictionary<OrderKey, FulfilmentOrder>(), cancellationToken))[0];

    /// <summary>
    /// Records a page of listed orders with a few requests for the page rather than a few per order: one read for which
    /// are known, one transaction for the new ones, one for their outbox rows. Returns each order's outcome, in order.
    /// If reading an order from the channel fails part-way, the orders read before it are recorded before the failure
    /// goes up (the page is read again on the retry, and those are then known).
    /// </summary>
    public async Task<IReadOnlyList<RecordOutcome>> RecordPageAsync(ChannelConnection connection, IChannel channel, IReadOnlyList<ChannelOrderSummary> summaries,
        CancellationToken cancellationToken) =>
        await RecordAsync(connection, channel, summaries,
            await orders.GetManyAsync(summaries.Select(s => new OrderKey(connection.Id, s.ChannelOrderId)).ToList(), cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<RecordOutcome>> RecordAsync(ChannelConnection connection, IChannel channel, IReadOnlyList<ChannelOrderSummary> summaries,
        IReadOnlyDictionary<OrderKey, FulfilmentOrder> known, CancellationToken cancellationToken)
    {
        var keys = summaries.Select(s => new OrderKey(connection.Id, s.ChannelOrderId)).ToList();
        var outcomes = new RecordOutcome[summaries.Count];
        var fresh = new List<(int Index, FulfilmentOrder Order)>();
        try
        {
            for (var i = 0; i < summaries.Count; i++)
            {
                if (known.TryGetValue(keys[i], out var existing))
                {
                    await ResumeAsync(existing, cancellationToken);
                    outcomes[i] = RecordOutcome.Known;
                }
                else if (fresh.Any(f => f.Order.Key == keys[i]))
                    outcomes[i] = RecordOutcome.Known; // listed twice on one page
                else
                    fresh.Add((i, await BuildAsync(connection, channel, summaries[i], keys[i], cancellationToken)));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && fresh.Count > 0)
        {
            await StoreAsync(fresh, outcomes, cancellationToken);
            throw;
        }
        await StoreAsync(fresh, outcomes, cancellationToken);
        return outcomes;
    }

    /// <summary>Reads the order from the channel and plans it, as far as that needs nothing more from the channel (not stored here).</summary>
    private async Task<FulfilmentOrder> BuildAsync(ChannelConnection connection, IChannel channel, ChannelOrderSummary summary, OrderKey key,
        CancellationToken cancellationToken)
    {
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
        else if (await planning.PlanAtImportAsync(key, channelOrder, connection, cancellationToken) is { } planned)
            planning.Apply(order, planned);
        return order;
    }

    /// <summary>Adds the new orders, then hands each over: planned ones to their accounts' outboxes (together), the rest to the normalise queue.</summary>
    private async Task StoreAsync(List<(int Index, FulfilmentOrder Order)> fresh, RecordOutcome[] outcomes, CancellationToken cancellationToken)
    {
        // Any found existing were recorded meanwhile by a poll or a webhook that overlapped ours.
        var existing = (await orders.TryAddManyAsync(fresh.Select(f => f.Order).ToList(), cancellationToken)).ToHashSet();
        var added = new List<FulfilmentOrder>(fresh.Count);
        foreach (var (index, order) in fresh)
        {
            if (existing.Contains(order))
            {
                outcomes[index] = RecordOutcome.Known;
                continue;
            }
            added.Add(order);
            outcomes[index] = order.Snapshot.IsStandIn ? RecordOutcome.Unreadable : RecordOutcome.Imported;
            if (!order.Snapshot.IsStandIn && order.State == OrderState.NeedsAttention)
                logger.LogWarning("Order {OrderKey} needs attention: {Reason}", order.Key, order.Reason);
        }
        foreach (var account in added.Where(o => o is { State: OrderState.Normalised, Plan: not null }).GroupBy(o => o.Plan!.CarrierAccountId, StringComparer.Ordinal))
            await pending.AddManyAsync(account.Key, account.Select(o => o.Key).ToList(), cancellationToken);
        foreach (var order in added.Where(o => o.State == OrderState.Imported))
            await QueueNormaliseAsync(order.Key, cancellationToken);
    }

    /// <summary>
    /// Hands a recorded order to its next step: an Imported one to the normalise queue, a Normalised one to its carrier
    /// account's outbox. Both are idempotent, so an order listed again (a crash came between recording and handing it
    /// over, or an overlapping poll) is handed over again safely; an order past those states needs nothing.
    /// </summary>
    public async Task ResumeAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        if (order.State == OrderState.Imported)
            await QueueNormaliseAsync(order.Key, cancellationToken);
        else if (order is { State: OrderState.Normalised, Plan: { } plan })
            await pending.AddAsync(plan.CarrierAccountId, order.Key, cancellationToken);
    }

    private Task QueueNormaliseAsync(OrderKey key, CancellationToken cancellationToken) =>
        queue.SendAsync(StorageNames.Queues.OrderNormalise, new NormaliseOrderMessage(key.ConnectionId, key.ChannelOrderId, PipelineTracing.CurrentTraceParent()), cancellationToken);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Fulfilment.Channels;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>
/// Queue step: writes a despatched order's shipment and tracking number back to its channel, driven by the write-back
/// outbox. One delivery at a time per order (a claim written on the order row, guarded by its ETag, which costs one write
/// where a separate lease cost two), so two deliveries never record two shipments; channels also look for one with the
/// same tracking number first. A failure the channel may recover from (an outage, a rate limit,
/// revoked credentials awaiting a reconnect) is retried with back-off for as long as it lasts: the entry is rescheduled
/// and the message completes. A refusal is recorded on the order as NeedsAttention, and a replay writes it back again.
/// </summary>
public sealed class WriteBackStep(
    IOrderStore orders,
    CachedSettings settingsKept,
    IWriteBackOutbox outbox,
    DespatchWriteBacks writeBacks,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    TimeProvider time,
    ILogger<WriteBackStep> logger)
{
    /// <summary>Longer than one channel call with its retries; a crashed holder's lease lapses by then.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>Clock skew between instances, so the order is not sent again a moment before its claim has lapsed.</summary>
    private static readonly TimeSpan ClaimLapseMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Writes back every order the message carries, a few at a time, each on its own (a refusal or an outage is recorded
    /// on that order alone). The orders share a partition, so they are read in one request and claimed in one
    /// transaction, and their outbox entries removed together at the end; an order whose claim met a change goes the
    /// one-order way. Anything unexpected for one fails the delivery once the others are done: the queue tries it again,
    /// and the orders already written back find themselves done. Returns the state of the message's first order.
    /// </summary>
    public async Task<OrderState?> RunAsync(WriteBackMessage message, CancellationToken cancellationToken)
    {
        if (message.More is not { Count: > 0 })
            return await RunAsync(new OrderKey(message.ConnectionId, message.ChannelOrderId), cancellationToken);

        var carried = message.Orders().DistinctBy(o => o.ChannelOrderId, StringComparer.Ordinal).ToList();
        var keys = carried.Select(o => new OrderKey(message.ConnectionId, o.ChannelOrderId)).ToList();
        var done = new ConcurrentBag<OrderKey>();
        var claims = await ClaimManyAsync(keys, done, cancellationToken);
        var states = new OrderState?[carried.Count];
        ExceptionDispatchInfo? failed = null;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, carried.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelOrders, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    // The first order runs in the delivery's own trace; each other in its own order's.
                    using var activity = i == 0 ? null : PipelineTracing.StartStep("WriteBack", carried[i].TraceParent);
                    try
                    {
                        states[i] = claims[keys[i]] switch
                        {
                            Claim.Claimed claimed => await WriteBackClaimedAsync(keys[i], claimed.Order, claimed.FirstAttempt, done, ct),
                            Claim.Settled settled => settled.State,
                            _ => await RunAsync(keys[i], ct),
                        };
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        logger.LogError(ex, "Writing back order {ConnectionId}/{ChannelOrderId} failed; the delivery is tried again.", message.ConnectionId, carried[i].ChannelOrderId);
                        Interlocked.CompareExchange(ref failed, ExceptionDispatchInfo.Capture(ex), null);
                    }
                });
        }
        finally
        {
            // An entry left behind (a crash before this) only comes due again, and its delivery finds the order done.
            if (!done.IsEmpty)
                await outbox.RemoveManyAsync([.. done], CancellationToken.None);
        }
        failed?.Throw();
        return states[0];
    }

    /// <summary>Orders of one message written back at once: the channel's own rate limit paces them.</summary>
    private const int ParallelOrders = 4;

    /// <summary>How one order of a message stands after the message's claim.</summary>
    private abstract record Claim
    {
        /// <summary>Claimed for this delivery.</summary>
        public sealed record Claimed(FulfilmentOrder Order, bool FirstAttempt) : Claim;
        /// <summary>Nothing to do here: past Despatched, or held by another delivery.</summary>
        public sealed record Settled(OrderState? State) : Claim;
        /// <summary>Unknown, or changed between the read and the claim: the one-order way reads it again.</summary>
        public sealed record Alone : Claim;
    }

    /// <summary>
    /// <see cref="ClaimAsync"/> for the orders of one message: one read, one transaction for the claims. Orders past
    /// Despatched have their entries added to <paramref name="done"/> to be removed with the others.
    /// </summary>
    private async Task<Dictionary<OrderKey, Claim>> ClaimManyAsync(IReadOnlyList<OrderKey> keys, ConcurrentBag<OrderKey> done,
        CancellationToken cancellationToken)
    {
        var found = await orders.GetManyAsync(keys, cancellationToken);
        var now = time.GetUtcNow();
        var claims = new Dictionary<OrderKey, Claim>();
        var claiming = new List<(FulfilmentOrder Order, bool FirstAttempt)>();
        foreach (var key in keys)
        {
            if (!found.TryGetValue(key, out var order))
                claims[key] = new Claim.Alone();
            else if (order.State != OrderState.Despatched)
            {
                done.Add(key);
                claims[key] = new Claim.Settled(order.State);
            }
            else if (await StandDownIfClaimedAsync(order, now, cancellationToken))
                claims[key] = new Claim.Settled(null);
            else
                claiming.Add((order, SetClaim(order, now)));
        }
        var conflicts = (await orders.SaveManyAsync(claiming.Select(c => c.Order).ToList(), cancellationToken)).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var (order, firstAttempt) in claiming)
            claims[order.Key] = conflicts.Contains(order) ? new Claim.Alone() : new Claim.Claimed(order, firstAttempt);
        return claims;
    }

    private async Task<OrderState?> RunAsync(OrderKey key, CancellationToken cancellationToken)
    {
        Activity.Current?.SetTag("order.key", key.ToString());

        if (await ClaimAsync(key, cancellationToken) is not ({ } order, var firstAttempt))
            return null;
        if (order.State != OrderState.Despatched)
        {
            await outbox.RemoveAsync(key, cancellationToken);
            return order.State;
        }
        return await WriteBackClaimedAsync(key, order, firstAttempt, null, cancellationToken);
    }

    /// <summary>Writes back a claimed order; its outbox entry is removed at once, or added to <paramref name="removeLater"/>.</summary>
    private async Task<OrderState> WriteBackClaimedAsync(OrderKey key, FulfilmentOrder order, bool firstAttempt, ConcurrentBag<OrderKey>? removeLater,
        CancellationToken cancellationToken)
    {
        try
        {
            return await WriteBackAsync(key, order, firstAttempt, removeLater, cancellationToken);
        }
        catch (Exception) when (order.WriteBackClaimedUntil is not null && !cancellationToken.IsCancellationRequested)
        {
            // Something unexpected: the queue retries this message, and it must find the order free.
            await ReleaseAsync(order, CancellationToken.None);
            throw;
        }
    }

    private async Task<OrderState> WriteBackAsync(OrderKey key, FulfilmentOrder order, bool firstAttempt, ConcurrentBag<OrderKey>? removeLater,
        CancellationToken cancellationToken)
    {
        // Kept a few seconds, credentials too: a despatch run writes back hundreds of orders of one connection. Credentials
        // replaced meanwhile (a reconnect, a token refresh) are handled where they are refused: see CredentialFailures.
        var connection = await settingsKept.ConnectionAsync(key.ConnectionId, cancellationToken);
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
            FirstAttempt = firstAttempt,
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
        order.WriteBackClaimedUntil = null;
        await orders.SaveAsync(order, cancellationToken);
        if (removeLater is null)
            await outbox.RemoveAsync(key, cancellationToken);
        else
            removeLater.Add(key);
        return order.State;
    }

    /// <summary>
    /// Reads the order and, if it is still to be written back, claims it for this delivery, noting whether this is the
    /// first delivery ever to claim it (the claim is saved before the channel is called, so a later one knows). Null when
    /// there is nothing to do here: the order is unknown (its entry is removed), or another delivery holds it (that one
    /// finishes the job, or its claim lapses and the outbox sends the order again).
    /// </summary>
    private async Task<(FulfilmentOrder Order, bool FirstAttempt)?> ClaimAsync(OrderKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await orders.GetAsync(key, cancellationToken);
            if (order is null)
            {
                await outbox.RemoveAsync(key, cancellationToken);
                logger.LogError("Write-back message for unknown order {OrderKey}; nothing to do.", key);
                return null;
            }
            if (order.State != OrderState.Despatched)
                return (order, false);
            var now = time.GetUtcNow();
            if (await StandDownIfClaimedAsync(order, now, cancellationToken))
                return null;
            var firstAttempt = SetClaim(order, now);
            try
            {
                await orders.SaveAsync(order, cancellationToken);
                return (order, firstAttempt);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Changed since our read (another delivery's claim, or a tracking update): read it again.
            }
        }
    }

    /// <summary>
    /// True when another delivery holds the order: that one finishes (and removes the entry), or it died with the claim,
    /// and then the order is due again the moment the claim lapses, not a whole message claim after this delivery was sent.
    /// </summary>
    private async Task<bool> StandDownIfClaimedAsync(FulfilmentOrder order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (order.WriteBackClaimedUntil is not { } claimedUntil || claimedUntil <= now)
            return false;
        await outbox.DeferAsync(order.Key, claimedUntil + ClaimLapseMargin, cancellationToken);
        logger.LogInformation("Order {OrderKey} is being written back by another delivery; this one stands down.", order.Key);
        return true;
    }

    /// <summary>Sets the claim on the order (not saved); true if no delivery ever claimed it before.</summary>
    private static bool SetClaim(FulfilmentOrder order, DateTimeOffset now)
    {
        var firstAttempt = order.WriteBackStartedAt is null;
        order.WriteBackClaimedUntil = now + LeaseDuration;
        order.WriteBackStartedAt ??= now;
        return firstAttempt;
    }

    /// <summary>Lets the next delivery have the order at once; if this fails, the claim simply lapses.</summary>
    private async Task ReleaseAsync(FulfilmentOrder order, CancellationToken cancellationToken)
    {
        order.WriteBackClaimedUntil = null;
        try
        {
            await orders.SaveAsync(order, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
        }
    }

    private async Task<OrderState> RetryLaterAsync(FulfilmentOrder order, string why, CancellationToken cancellationToken)
    {
        await ReleaseAsync(order, cancellationToken);
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
        order.WriteBackClaimedUntil = null;
        await orders.SaveAsync(order, cancellationToken);
        await outbox.RemoveAsync(order.Key, cancellationToken);
        logger.LogWarning("Order {OrderKey} needs attention: {Reason}", order.Key, reason);
        return order.State;
    }
}

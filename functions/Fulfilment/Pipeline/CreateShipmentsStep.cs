using System.Globalization;
using Fulfilment.Carriers;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>What one drain of the carrier outboxes did.</summary>
/// <param name="Waiting">Orders left in a batch that is not full yet, for more orders to join (see <see cref="PipelineOptions.CreateBatchMaxWaitSeconds"/>).</param>
public sealed record CreateShipmentsResult(int Created, int Rejected, int Recovered, int Deferred, IReadOnlyList<string> AccountsSkipped, int Waiting = 0);

/// <summary>
/// Timer step (every few seconds): drains each carrier account's outbox in batches, a full batch at once and one that is
/// not full once its oldest order has waited long enough for others to join it. Exactly one carrier order per channel order: an order
/// is marked ShipmentRequested before it is sent; one that was ever sent before (a timeout, a 5xx, a crash, a replay)
/// is first looked up by its deterministic reference, once the settle delay has passed, and sent again only if the
/// carrier has none. A lease per account, renewed before every send, keeps two instances from sending one account's
/// orders at once; a drain that lost its lease stops. One account's failure is recorded on it and the others go on.
/// </summary>
public sealed class CreateShipmentsStep(
    IPendingShipmentStore pending,
    IOrderStore orders,
    ICarrierAccountStore accounts,
    IShipmentStore shipments,
    ILabelStore labels,
    IWorkQueue queue,
    ILeaseStore leases,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<CreateShipmentsStep> logger)
{
    public async Task<CreateShipmentsResult> RunAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        foreach (var accountId in await pending.ListAccountsAsync(cancellationToken))
        {
            var account = await accounts.GetAsync(accountId, cancellationToken);
            if (account is null || account.Status != CarrierAccountStatus.Active || partners.FindCarrier(account.Carrier) is not { } carrier)
            {
                var why = account is null ? "does not exist" : account.Status != CarrierAccountStatus.Active ? $"is {account.Status}" : $"names unknown carrier {account.Carrier}";
                logger.LogWarning("Carrier account {AccountId} {Why}; its pending orders wait.", accountId, why);
                tally.Skipped.Add(accountId);
                continue;
            }

            if (await DueListingAsync(account, carrier, tally, cancellationToken) is not { } dueListing)
                continue;
            await using var lease = await leases.TryAcquireAsync($"drain-{accountId}", TimeSpan.FromSeconds(options.Value.DrainLeaseSeconds), cancellationToken);
            if (lease is null)
            {
                logger.LogInformation("Another instance is draining {AccountId}.", accountId);
                continue;
            }
            try
            {
                await DrainAccountAsync(account, carrier, lease, dueListing, tally, cancellationToken);
                if (account.DrainProblem is not null)
                    await RecordDrainProblemAsync(account, null, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever went wrong (an answer we did not expect, a storage conflict, a bug) stays with this account;
                // the next accounts are drained, and the next run tries this one again.
                logger.LogError(ex, "Draining carrier account {AccountId} failed; the other accounts go on.", accountId);
                tally.Skipped.Add(accountId);
                await RecordDrainProblemAsync(account, $"{ex.GetType().Name}: {ex.Message}", cancellationToken);
            }
        }

        var result = new CreateShipmentsResult(tally.Created, tally.Rejected, tally.Recovered, tally.Deferred, tally.Skipped, tally.Waiting);
        if (result.Created + result.Rejected + result.Recovered + result.Deferred > 0)
            logger.LogInformation("Shipments: {Created} created, {Recovered} found already created, {Rejected} rejected, {Deferred} deferred.",
                result.Created, result.Recovered, result.Rejected, result.Deferred);
        return result;
    }

    /// <summary>
    /// Drains one account until its outbox has no batch due or the time budget is spent. Up to
    /// <see cref="PipelineOptions.ParallelCreateBatches"/> batches of distinct orders are in flight at once: a batch spends
    /// most of its time on storage (marking, labels, recording), and one at a time would leave the carrier's quota idle
    /// behind a backlog. Any batch that must stop the drain (lease lost, credentials refused, a carrier failure) stops new
    /// batches from starting; those in flight finish, and the drain returns only once they have.
    /// </summary>
    private async Task DrainAccountAsync(CarrierAccount account, ICarrier carrier, ILease lease, IReadOnlyList<PendingOrder>? firstListing, Tally tally,
        CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(options.Value.DrainTimeBudgetSeconds);
        var batchSize = Math.Max(1, carrier.Descriptor.MaxBatchSize);
        var drain = new Drain(account, carrier, lease);
        var inFlight = new Dictionary<Task, List<OrderKey>>();
        var taken = new HashSet<OrderKey>();
        try
        {
            while (!drain.Stopped && time.GetUtcNow() < deadline)
            {
                if (inFlight.Count >= Math.Max(1, options.Value.ParallelCreateBatches))
                {
                    await FinishOneAsync();
                    continue;
                }
                // Orders in flight or still settling are skipped, so the batch is filled with orders that can go now.
                HashSet<OrderKey> skipped;
                lock (drain.Settling)
                    skipped = [.. taken, .. drain.Settling];
                // The first pass uses what was listed to decide the account was due (nothing is skipped yet).
                var listed = firstListing is { } first
                    ? first
                    : (await pending.ListAsync(account.Id, batchSize + skipped.Count, cancellationToken)).Where(p => !skipped.Contains(p.Order)).Take(batchSize).ToList();
                firstListing = null;
                if (!IsDue(listed, batchSize))
                {
                    if (inFlight.Count == 0)
                    {
                        Interlocked.Add(ref tally.Waiting, listed.Count);
                        break;
                    }
                    // What is left may fill up, or come due, once the batches in flight are out of the way.
                    await FinishOneAsync();
                    continue;
                }
                var keys = listed.Select(p => p.Order).ToList();
                taken.UnionWith(keys);
                inFlight.Add(DrainBatchAsync(drain, keys, tally, cancellationToken), keys);
            }
        }
        finally
        {
            // Never return (and give the lease up) with a batch still in flight.
            await Task.WhenAll(inFlight.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        drain.Failure?.Throw();

        async Task FinishOneAsync()
        {
            var finished = await Task.WhenAny(inFlight.Keys);
            taken.ExceptWith(inFlight[finished]);
            inFlight.Remove(finished);
        }
    }

    /// <summary>One drain of one account: what its batches in flight share.</summary>
    private sealed class Drain(CarrierAccount account, ICarrier carrier, ILease lease)
    {
        public CarrierAccount Account { get; } = account;
        public ICarrier Carrier { get; } = carrier;
        /// <summary>Orders sent before that have not settled yet: skipped for this run (lock it).</summary>
        public HashSet<OrderKey> Settling { get; } = [];
        private readonly SemaphoreSlim _renewing = new(1, 1);
        private volatile bool _stopped;
        public bool Stopped => _stopped;
        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; private set; }

        public void Stop() => _stopped = true;

        private readonly Lock _failing = new();

        public void Fail(Exception ex)
        {
            lock (_failing)
                Failure ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            Stop();
        }

        /// <summary>One renewal at a time: the lease row's ETag moves with each, so two at once would see each other as a thief.</summary>
        public async Task<bool> RenewAsync(CancellationToken cancellationToken)
        {
            await _renewing.WaitAsync(cancellationToken);
            try
            {
                return await lease.RenewAsync(cancellationToken);
            }
            finally
            {
                _renewing.Release();
            }
        }
    }

    /// <summary>Sends one batch of the account's orders and records the outcome; stops the drain when it must not go on.</summary>
    private async Task DrainBatchAsync(Drain drain, List<OrderKey> keys, Tally tally, CancellationToken cancellationToken)
    {
        var (account, carrier) = (drain.Account, drain.Carrier);
        try
        {
            var batch = await LoadBatchAsync(account.Id, keys, cancellationToken);
            var toLookUp = batch.Where(o => o.CarrierRequestedAt is not null).ToList();
            foreach (var order in toLookUp.Where(o => !HasSettled(o)))
            {
                lock (drain.Settling)
                    drain.Settling.Add(order.Key);
                batch.Remove(order);
            }
            if (drain.Stopped || !await drain.RenewAsync(cancellationToken))
            {
                StopBeforeSending();
                return;
            }
            await RecoverAsync(account, carrier, batch, tally, cancellationToken);
            var toSend = await MarkRequestedAsync(batch, cancellationToken);
            if (toSend.Count > 0)
            {
                // The send must start while we still hold the account: a drain that lost it stops here.
                if (drain.Stopped || !await drain.RenewAsync(cancellationToken))
                {
                    StopBeforeSending();
                    return;
                }
                await SendAsync(account, carrier, toSend, tally, cancellationToken);
            }
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
        {
            drain.Stop();
            await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
            Interlocked.Add(ref tally.Deferred, keys.Count);
        }
        catch (PartnerException ex) when (ex.IsRetryable)
        {
            // Ambiguous or throttled: the orders stay ShipmentRequested and are looked up before any resend.
            drain.Stop();
            logger.LogWarning(ex, "Carrier {Carrier} failed for account {AccountId} ({Kind}); the orders are looked up before they are sent again.",
                ex.Partner, account.Id, ex.Kind);
            Interlocked.Add(ref tally.Deferred, keys.Count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            drain.Fail(ex);
        }

        void StopBeforeSending()
        {
            if (!drain.Stopped)
                logger.LogWarning("Lost the drain lease of {AccountId}; stopping before sending.", account.Id);
            drain.Stop();
        }
    }

    /// <summary>
    /// The account's first batch if it has one to send now (else null), asked before its lease is taken: the drain runs
    /// every few seconds, and an account whose few orders are still gathering costs one query, not a lease write.
    /// </summary>
    private async Task<IReadOnlyList<PendingOrder>?> DueListingAsync(CarrierAccount account, ICarrier carrier, Tally tally, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, carrier.Descriptor.MaxBatchSize);
        var listed = await pending.ListAsync(account.Id, batchSize, cancellationToken);
        if (IsDue(listed, batchSize))
            return listed;
        Interlocked.Add(ref tally.Waiting, listed.Count);
        return null;
    }

    /// <summary>A full batch goes at once; one that is not full once its oldest order has waited <see cref="PipelineOptions.CreateBatchMaxWaitSeconds"/>.</summary>
    private bool IsDue(IReadOnlyList<PendingOrder> oldestFirst, int batchSize) =>
        oldestFirst.Count >= batchSize
        || (oldestFirst.Count > 0 && oldestFirst[0].EnqueuedAt.AddSeconds(options.Value.CreateBatchMaxWaitSeconds) <= time.GetUtcNow());

    private bool HasSettled(FulfilmentOrder order) =>
        order.UpdatedAt.AddSeconds(options.Value.CarrierSettleSeconds) <= time.GetUtcNow();

    /// <summary>Loads the batch's orders; outbox rows whose order is gone or past this step are removed.</summary>
    private async Task<List<FulfilmentOrder>> LoadBatchAsync(string accountId, IReadOnlyList<OrderKey> keys, CancellationToken cancellationToken)
    {
        var found = await orders.GetManyAsync(keys, cancellationToken);
        var batch = new List<FulfilmentOrder>(keys.Count);
        var stale = new List<OrderKey>();
        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var order) && order is { State: OrderState.Normalised or OrderState.ShipmentRequested, Plan: not null })
                batch.Add(order);
            else
                stale.Add(key);
        }
        if (stale.Count > 0)
            await pending.RemoveManyAsync(accountId, stale, cancellationToken);
        return batch;
    }

    /// <summary>
    /// Orders sent before (now settled) are looked up by reference: those the carrier has are recorded, the rest are
    /// left in the batch to be sent. Click &amp; Drop allows several orders with one reference: the first one made is
    /// ours, and the others are named on the order's history for ops.
    /// </summary>
    private async Task RecoverAsync(CarrierAccount account, ICarrier carrier, List<FulfilmentOrder> batch, Tally tally, CancellationToken cancellationToken)
    {
        var sentBefore = batch.Where(o => o.CarrierRequestedAt is not null).ToList();
        if (sentBefore.Count == 0)
            return;
        var found = await carrier.FindByReferenceAsync(account, sentBefore.Select(o => o.Plan!.Reference).ToList(), cancellationToken);
        var byReference = found.Where(s => s.Reference is not null).ToLookup(s => s.Reference!, StringComparer.Ordinal);
        var recovered = new List<(FulfilmentOrder, CreatedShipment)>();
        foreach (var order in sentBefore)
        {
            var matches = byReference[order.Plan!.Reference].OrderBy(s => s.CarrierShipmentId, Comparer<string>.Create(CompareIds)).ToList();
            if (matches.Count == 0)
                continue;
            var ours = matches[0];
            if (matches.Count > 1)
            {
                var others = string.Join(", ", matches.Skip(1).Select(m => m.CarrierShipmentId));
                order.Note(time.GetUtcNow(), $"{carrier.Descriptor.Name} holds {matches.Count} orders with reference {order.Plan.Reference}: using {ours.CarrierShipmentId}; cancel {others} there.");
                logger.LogError("Carrier account {AccountId} holds {Count} orders for reference {Reference} (order {OrderKey}); using {Ours}.",
                    account.Id, matches.Count, order.Plan.Reference, order.Key, ours.CarrierShipmentId);
            }
            batch.Remove(order);
            recovered.Add((order, new CreatedShipment(order.Plan.Reference, ours.CarrierShipmentId, ours.TrackingNumber)));
        }
        Interlocked.Add(ref tally.Recovered, await RecordCreatedAsync(account, carrier, recovered, cancellationToken));
    }

    /// <summary>Moves Normalised orders to ShipmentRequested before anything is sent; an order another writer changed is left for the next run.</summary>
    private async Task<List<FulfilmentOrder>> MarkRequestedAsync(List<FulfilmentOrder> batch, CancellationToken cancellationToken)
    {
        var marking = batch.Where(o => o.State == OrderState.Normalised).ToList();
        foreach (var order in marking)
            order.MoveTo(OrderState.ShipmentRequested, time.GetUtcNow());
        var changed = (await orders.SaveManyAsync(marking, cancellationToken)).ToHashSet();
        return batch.Where(o => !changed.Contains(o)).ToList();
    }

    private async Task SendAsync(CarrierAccount account, ICarrier carrier, List<FulfilmentOrder> toSend, Tally tally, CancellationToken cancellationToken)
    {
        CarrierBatchResult result;
        using var batchActivity = PipelineTracing.StartBatch("CreateCarrierBatch", toSend.Select(o => o.TraceParent));
        batchActivity?.SetTag("carrier.account", account.Id);
        batchActivity?.SetTag("batch.size", toSend.Count);
        try
        {
            result = await carrier.CreateShipmentsAsync(account, toSend.Select(o => new ShipmentRequest(o.Plan!)).ToList(), cancellationToken);
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected && toSend.Count > 1)
        {
            // The carrier refused the request as a whole and created nothing: send the orders one by one, so one bad
            // order cannot block the rest. (A carrier never throws Rejected after creating part of a batch.)
            logger.LogWarning("Carrier {Carrier} rejected a batch of {Count}: {Message}; sending the orders one at a time.", ex.Partner, toSend.Count, ex.Message);
            foreach (var single in toSend)
                await SendAsync(account, carrier, [single], tally, cancellationToken);
            return;
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            result = new CarrierBatchResult([], [new RejectedShipment(toSend[0].Plan!.Reference, ex.Message)]);
        }

        var byReference = toSend.GroupBy(o => o.Plan!.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var createdOrders = new List<(FulfilmentOrder, CreatedShipment)>(result.Created.Count);
        foreach (var created in result.Created)
        {
            if (!byReference.Remove(created.Reference, out var order))
            {
                logger.LogError("Carrier {Carrier} reported created order {Reference}, which was not in the batch.", account.Carrier, created.Reference);
                continue;
            }
            createdOrders.Add((order, created));
        }
        Interlocked.Add(ref tally.Created, await RecordCreatedAsync(account, carrier, createdOrders, cancellationToken));
        var rejectedKeys = new List<OrderKey>();
        foreach (var rejected in result.Rejected)
        {
            if (!byReference.Remove(rejected.Reference, out var order))
                continue;
            try
            {
                using var activity = PipelineTracing.StartStep("CarrierRejected", order.TraceParent);
                order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(), $"{account.Carrier} rejected the order: {rejected.Reason}");
                await orders.SaveAsync(order, cancellationToken);
                rejectedKeys.Add(order.Key);
                Interlocked.Increment(ref tally.Rejected);
            }
            catch (ConcurrencyConflictException)
            {
                // Changed meanwhile: it stays requested and the next run looks it up.
            }
        }
        if (rejectedKeys.Count > 0)
            await pending.RemoveManyAsync(account.Id, rejectedKeys, cancellationToken);
        // Orders the carrier said nothing about stay ShipmentRequested: the next run looks them up by reference.
        Interlocked.Add(ref tally.Deferred, byReference.Count);
    }

    /// <summary>
    /// Records the carrier's orders: shipments first (if we crash before an order is saved, the next run finds its carrier
    /// order by reference again), then each order, then the outbox rows of those saved. An order changed meanwhile is not
    /// counted: it stays requested and is looked up again later. For a carrier that reports tracking, each shipment's
    /// events are then applied once: any that came before the order pointed at it (a create found after the settle
    /// delay, a crash between the two writes) were kept but could not move the order, and the carrier may never send them
    /// again. Returns how many orders were recorded.
    /// </summary>
    private async Task<int> RecordCreatedAsync(CarrierAccount account, ICarrier carrier, IReadOnlyList<(FulfilmentOrder Order, CreatedShipment Created)> created,
        CancellationToken cancellationToken)
    {
        if (created.Count == 0)
            return 0;
        // A label is one blob each (blobs have no batch): stored several at a time, or a batch of 100 waits on 100 round trips.
        var labelBlobs = new string?[created.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, created.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelLabelUploads, CancellationToken = cancellationToken },
            async (i, ct) => labelBlobs[i] = created[i].Created.LabelPdf is { } pdf ? await TryStoreLabelAsync(account, created[i].Created.CarrierShipmentId, pdf, ct) : null);
        var records = new List<ShipmentRecord>(created.Count);
        for (var i = 0; i < created.Count; i++)
        {
            var (order, shipment) = created[i];
            records.Add(new ShipmentRecord
            {
                CarrierAccountId = account.Id,
                CarrierShipmentId = shipment.CarrierShipmentId,
                Carrier = carrier.Descriptor.Name,
                Order = order.Key,
                Reference = shipment.Reference,
                TrackingNumber = shipment.TrackingNumber,
                CreatedAt = time.GetUtcNow(),
                LabelBlob = labelBlobs[i],
            });
        }
        var stored = await shipments.AddManyAsync(records, cancellationToken);

        for (var i = 0; i < created.Count; i++)
            await MoveToCreatedAsync(carrier, created[i].Order, created[i].Created, stored[i], labelBlobs[i], cancellationToken);
        var changed = (await orders.SaveManyAsync(created.Select(c => c.Order).ToList(), cancellationToken)).ToHashSet();
        var recorded = new List<OrderKey>(created.Count);
        for (var i = 0; i < created.Count; i++)
        {
            var order = created[i].Order;
            if (changed.Contains(order))
            {
                logger.LogWarning("Order {OrderKey} changed while its carrier order {ShipmentId} was recorded; it is looked up again.", order.Key, stored[i].CarrierShipmentId);
                continue;
            }
            recorded.Add(order.Key);
            if (partners.FindTracking(carrier.Descriptor.Name) is not null)
                await queue.SendAsync(StorageNames.Queues.TrackingApply, new TrackShipmentMessage(order.Key.ConnectionId, order.Key.ChannelOrderId,
                    account.Id, stored[i].CarrierShipmentId, order.TraceParent), cancellationToken);
        }
        if (recorded.Count > 0)
            await pending.RemoveManyAsync(account.Id, recorded, cancellationToken);
        return recorded.Count;
    }

    /// <summary>Moves the order to ShipmentCreated with its carrier order (not saved here).</summary>
    private async Task MoveToCreatedAsync(ICarrier carrier, FulfilmentOrder order, CreatedShipment created, ShipmentRecord shipment, string? labelBlob,
        CancellationToken cancellationToken)
    {
        using var activity = PipelineTracing.StartStep("ShipmentCreated", order.TraceParent);
        activity?.SetTag("order.key", order.Key.ToString());
        activity?.SetTag("carrier.shipment_id", created.CarrierShipmentId);
        var labelMissing = created.LabelMissing;
        if (created.LabelPdf is not null && labelBlob is null)
            labelMissing = "The label that came with the order could not be stored.";
        if (labelBlob is not null && shipment.LabelBlob is null && shipment.LabelProblem is null)
            await AddLabelAsync(shipment, labelBlob, cancellationToken);
        order.CarrierShipmentId = shipment.CarrierShipmentId;
        order.TrackingNumber = created.TrackingNumber ?? shipment.TrackingNumber;
        order.MoveTo(OrderState.ShipmentCreated, time.GetUtcNow(), $"{carrier.Descriptor.Name} order {created.CarrierShipmentId}");
        if (labelMissing is not null)
        {
            // The order exists; only its label is owed, and the carrier sync downloads it once the carrier has one.
            order.Note(time.GetUtcNow(), $"{labelMissing} It is downloaded instead.");
            logger.LogWarning("No label came with {Carrier} order {ShipmentId} of order {OrderKey}; it is downloaded instead: {Reason}",
                carrier.Descriptor.Name, created.CarrierShipmentId, order.Key, labelMissing);
        }
    }

    /// <summary>Stores a label that came with a created shipment; null when storage failed (it is then downloaded later).</summary>
    private async Task<string?> TryStoreLabelAsync(CarrierAccount account, string carrierShipmentId, byte[] pdf, CancellationToken cancellationToken)
    {
        try
        {
            return await labels.SaveAsync(account.Id, carrierShipmentId, pdf, cancellationToken);
        }
        catch (Azure.RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not store the label of shipment {ShipmentId}; it is downloaded later.", carrierShipmentId);
            return null;
        }
    }

    /// <summary>A shipment recorded before (a replay, a crash after adding it) gets the label that came this time.</summary>
    private async Task AddLabelAsync(ShipmentRecord shipment, string labelBlob, CancellationToken cancellationToken)
    {
        shipment.LabelBlob = labelBlob;
        try
        {
            await shipments.SaveAsync(shipment, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed meanwhile (the carrier sync): if it has no label yet, the sync downloads it.
        }
    }

    private async Task RecordDrainProblemAsync(CarrierAccount account, string? problem, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = await accounts.GetAsync(account.Id, cancellationToken) ?? account;
            fresh.DrainProblem = problem;
            fresh.DrainProblemAt = problem is null ? null : time.GetUtcNow();
            await accounts.SaveAsync(fresh, cancellationToken);
            account.DrainProblem = problem;
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or Azure.RequestFailedException)
        {
            logger.LogWarning(ex, "Could not record the drain problem of {AccountId}.", account.Id);
        }
    }

    /// <summary>Carrier ids of digits compare as numbers, so the first order made sorts first.</summary>
    private static int CompareIds(string? a, string? b) =>
        long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private const int ParallelLabelUploads = 16;

    /// <summary>Counts of one run; an account's batches in flight add to them at once, so with Interlocked.</summary>
    private sealed class Tally
    {
        public int Created, Rejected, Recovered, Deferred, Waiting;
        public List<string> Skipped { get; } = [];
    }
}

using System.Collections.Concurrent;
using Fulfilment.Carriers;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>What one status sync did.</summary>
/// <param name="LabelsOwed">Labels still to download when the run's label budget ran out (the next run goes on with them).</param>
public sealed record SyncResult(int Checked, int Despatched, int LabelsStored, int LabelsOwed = 0);

/// <summary>
/// Timer step for carriers without tracking webhooks (Click &amp; Drop): looks up every open shipment (every minute; the
/// runs in between, every few seconds, look up the shipments made since, once each), downloads the labels
/// that did not come with their orders, and on despatch moves the order to Despatched and hands it to the write-back
/// outbox. Where the account gets labels through the API, an order is despatched only once its label is stored (or the
/// carrier's refusal is recorded). Lookups go account by account; label downloads (one call per order) then run for
/// every account at once, oldest first, until the run's label budget is spent, and the rest wait for the next run.
/// One account's failure is logged and the others go on; a shipment changed meanwhile is left for the next run.
/// </summary>
public sealed class SyncCarrierStatusStep(
    ICarrierAccountStore accounts,
    IShipmentStore shipments,
    IOrderStore orders,
    CachedSettings settingsKept,
    ILabelStore labels,
    DespatchWriteBacks writeBacks,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<SyncCarrierStatusStep> logger)
{
    public async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        var tally = new Tally();
        // Many despatches share a connection: its write-back setting is looked at once per run (and kept a few seconds across runs).
        var writeBackOn = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var owed = new List<(CarrierAccount Account, ICarrier Carrier, List<Found> Shipments)>();
        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (account.Status != CarrierAccountStatus.Active
                || partners.FindCarrier(account.Carrier) is not { } carrier
                || !carrier.Descriptor.Capabilities.HasFlag(CarrierCapabilities.StatusPolling))
                continue;
            try
            {
                var (open, memory) = await OpenToLookUpAsync(account, cancellationToken);
                var notDespatched = new HashSet<string>(StringComparer.Ordinal);
                var labelsToFetch = await LookUpAccountAsync(account, carrier, open, notDespatched, writeBackOn, tally, cancellationToken);
                memory.Remember(notDespatched);
                if (labelsToFetch.Count > 0)
                    owed.Add((account, carrier, labelsToFetch));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Syncing carrier account {AccountId} failed; the other accounts go on.", account.Id);
            }
        }

        // The budget starts after the lookups (a call per 100 shipments), so every run makes progress on a backlog however
        // large. Each account has its own rate limit, so one account's backlog never waits behind another's.
        var labelDeadline = time.GetUtcNow().AddSeconds(options.Value.LabelTimeBudgetSeconds);
        await Task.WhenAll(owed.Select(o => FetchLabelsOfAccountAsync(o.Account, o.Carrier, o.Shipments, labelDeadline, writeBackOn, tally, cancellationToken)));

        var result = new SyncResult(tally.Checked, tally.Despatched, tally.LabelsStored, tally.LabelsOwed);
        if (result.Despatched + result.LabelsStored + result.LabelsOwed > 0)
            logger.LogInformation("Carrier sync: {Checked} open shipments checked, {Despatched} despatched, {Labels} labels stored, {Owed} labels left for the next run.",
                result.Checked, result.Despatched, result.LabelsStored, result.LabelsOwed);
        return result;
    }

    /// <summary>
    /// Looks the account's open shipments up, records tracking numbers and the despatches that owe no label, and returns
    /// the shipments whose label is to be downloaded (the carrier has one now), oldest first.
    /// </summary>
    /// <param name="notDespatched">Gets the shipments the carrier answered for and has not despatched (or does not know).</param>
    private async Task<List<Found>> LookUpAccountAsync(CarrierAccount account, ICarrier carrier, IReadOnlyList<ShipmentRecord> open,
        ISet<string> notDespatched, ConcurrentDictionary<string, bool> writeBackOn, Tally tally, CancellationToken cancellationToken)
    {
        var labelsOwed = carrier.Descriptor.Capabilities.HasFlag(CarrierCapabilities.Labels) && carrier.GivesLabels(account);
        var toFetch = new List<Found>();
        foreach (var chunk in open.Chunk(Math.Max(1, carrier.Descriptor.MaxLookupBatchSize)))
        {
            IReadOnlyList<CarrierShipmentStatus> statuses;
            try
            {
                statuses = await carrier.GetStatusAsync(account, chunk.Select(s => s.CarrierShipmentId).ToList(), cancellationToken);
            }
            catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
            {
                await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
                break;
            }
            catch (PartnerException ex) when (ex.IsRetryable)
            {
                // This chunk waits for the next run; the account's other shipments are looked up now.
                logger.LogWarning("{Carrier} status lookup failed for account {AccountId} ({Kind}): {Message}", ex.Partner, account.Id, ex.Kind, ex.Message);
                continue;
            }

            var byId = statuses.ToDictionary(s => s.CarrierShipmentId, StringComparer.Ordinal);
            var despatching = new List<Found>();
            var changed = new List<ShipmentRecord>();
            foreach (var shipment in chunk)
            {
                Interlocked.Increment(ref tally.Checked);
                if (!byId.TryGetValue(shipment.CarrierShipmentId, out var status) || status.DespatchedAt is null)
                    notDespatched.Add(shipment.CarrierShipmentId);
                if (status is null)
                    continue;
                if (status.TrackingNumber is { } tracking && shipment.TrackingNumber != tracking)
                {
                    shipment.TrackingNumber = tracking;
                    changed.Add(shipment);
                }
                var owesLabel = labelsOwed && shipment.LabelBlob is null && shipment.LabelProblem is null;
                if (!owesLabel)
                {
                    if (status.DespatchedAt is not null)
                        despatching.Add(new Found(shipment, status));
                }
                // A despatched parcel had its postage applied, whatever the lookup says about printing.
                else if (status.LabelPrintedAt is not null || status.DespatchedAt is not null)
                    toFetch.Add(new Found(shipment, status));
            }
            changed.AddRange(await DespatchAsync(carrier, despatching, writeBackOn, tally, cancellationToken));
            // Changed by someone else meanwhile (a webhook, another instance): the next run sees theirs.
            await shipments.SaveManyAsync(changed.Distinct().ToList(), cancellationToken);
        }
        // Oldest first: those have waited longest, and their parcels are the likeliest to be despatched already.
        return toFetch
            .OrderBy(f => f.Shipment.CreatedAt)
            .ThenBy(f => f.Shipment.CarrierShipmentId.Length)
            .ThenBy(f => f.Shipment.CarrierShipmentId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The shipments this run looks up: every open one when the account's last full look-up is
    /// <see cref="PipelineOptions.CarrierFullSyncSeconds"/> old, else only those made since it that the carrier did not
    /// yet answer "not despatched" for on this instance. A parcel the warehouse despatches at once is then found within
    /// a run or two (seconds), while the carrier calls stay at one per 100 shipments per full look-up plus about one per
    /// 100 new ones. What was looked up is kept in memory: a new instance, or a restart, starts with a full look-up.
    /// </summary>
    private async Task<(IReadOnlyList<ShipmentRecord> Open, AccountLookups Memory)> OpenToLookUpAsync(CarrierAccount account, CancellationToken cancellationToken)
    {
        var memory = _lookedUp.GetOrAdd(account.Id, _ => new AccountLookups());
        var now = time.GetUtcNow();
        if (now - memory.LastFullLookup >= TimeSpan.FromSeconds(options.Value.CarrierFullSyncSeconds))
        {
            var all = await shipments.ListOpenAsync(account.Id, cancellationToken);
            memory.StartFull(now);
            return (all, memory);
        }
        // A shipment is recorded a moment after its CreatedAt: those made just before the full look-up are asked about again.
        var recent = await shipments.ListOpenCreatedSinceAsync(account.Id, memory.LastFullLookup - TimeSpan.FromSeconds(30), cancellationToken);
        return (memory.NotAnsweredYet(recent), memory);
    }

    /// <summary>
    /// Per account: when every open shipment was last looked up, and the newer ones the carrier has answered "not
    /// despatched" for since. Those it answered "despatched" for whose order could not move yet (its carrier order still
    /// being recorded) are asked about again at the next run.
    /// </summary>
    private sealed class AccountLookups
    {
        private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

        public DateTimeOffset LastFullLookup { get; private set; } = DateTimeOffset.MinValue;

        public void StartFull(DateTimeOffset at)
        {
            lock (_answered)
            {
                LastFullLookup = at;
                _answered.Clear();
            }
        }

        public IReadOnlyList<ShipmentRecord> NotAnsweredYet(IEnumerable<ShipmentRecord> recent)
        {
            lock (_answered)
                return recent.Where(s => !_answered.Contains(s.CarrierShipmentId)).ToList();
        }

        public void Remember(IEnumerable<string> notDespatched)
        {
            lock (_answered)
                _answered.UnionWith(notDespatched);
        }
    }

    private readonly ConcurrentDictionary<string, AccountLookups> _lookedUp = new(StringComparer.Ordinal);

    /// <summary>Downloads the account's owed labels one by one until the deadline; each despatch waiting for its label follows it.</summary>
    private async Task FetchLabelsOfAccountAsync(CarrierAccount account, ICarrier carrier, List<Found> toFetch, DateTimeOffset deadline,
        ConcurrentDictionary<string, bool> writeBackOn, Tally tally, CancellationToken cancellationToken)
    {
        var done = 0;
        try
        {
            foreach (var (shipment, status) in toFetch)
            {
                if (time.GetUtcNow() >= deadline)
                    break;
                CarrierLabel label;
                try
                {
                    label = await carrier.GetLabelAsync(account, shipment.CarrierShipmentId, cancellationToken);
                }
                catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
                {
                    await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
                    break;
                }
                catch (PartnerException ex) when (ex.IsRetryable)
                {
                    // Throttled or down: the rest of this account's labels wait for the next run, and so does the despatch.
                    logger.LogWarning("{Carrier} label of shipment {ShipmentId} not fetched this run ({Kind}): {Message}; the account's other labels wait too.",
                        ex.Partner, shipment.CarrierShipmentId, ex.Kind, ex.Message);
                    break;
                }
                finally
                {
                    done++;
                }
                if (!await TryRecordLabelAsync(account, shipment, label, tally, cancellationToken))
                    continue;
                await DespatchAsync(carrier, [new Found(shipment, status)], writeBackOn, tally, cancellationToken);
                await SaveAsync(shipment, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Fetching labels of carrier account {AccountId} failed; the other accounts go on.", account.Id);
        }
        Interlocked.Add(ref tally.LabelsOwed, toFetch.Count - done);
    }

    /// <summary>Keeps the label, or the carrier's reason for refusing it; false when the carrier has none for it yet.</summary>
    private async Task<bool> TryRecordLabelAsync(CarrierAccount account, ShipmentRecord shipment, CarrierLabel label, Tally tally, CancellationToken cancellationToken)
    {
        if (label.Problem is { } problem)
        {
            // Asking again would get the same refusal: keep the reason where ops look, and stop asking.
            shipment.LabelProblem = problem;
            logger.LogWarning("{Carrier} gives no label for shipment {ShipmentId} of order {OrderKey}: {Problem}",
                account.Carrier, shipment.CarrierShipmentId, shipment.Order, problem);
            return true;
        }
        if (label.Pdf is null)
            return false;
        shipment.LabelBlob = await labels.SaveAsync(account.Id, shipment.CarrierShipmentId, label.Pdf, cancellationToken);
        Interlocked.Increment(ref tally.LabelsStored);
        return true;
    }

    /// <summary>
    /// On the carrier's despatch, moves each order on (orders read and saved together) and closes its shipment (not saved
    /// here). Returns the shipments closed. An order that changed meanwhile, or is not ready, keeps its shipment open
    /// for the next run.
    /// </summary>
    private async Task<List<ShipmentRecord>> DespatchAsync(ICarrier carrier, IReadOnlyList<Found> despatched,
        ConcurrentDictionary<string, bool> writeBackOn, Tally tally, CancellationToken cancellationToken)
    {
        var closed = new List<ShipmentRecord>();
        if (despatched.Count == 0)
            return closed;
        var found = await orders.GetManyAsync(despatched.Select(d => d.Shipment.Order).Distinct().ToList(), cancellationToken);
        var moving = new List<FulfilmentOrder>();
        foreach (var (shipment, status) in despatched)
        {
            // A second shipment of the same order finds it Despatched already.
            if (!found.TryGetValue(shipment.Order, out var order) || order.State != OrderState.ShipmentCreated)
                continue;
            using var activity = PipelineTracing.StartStep("Despatched", order.TraceParent);
            activity?.SetTag("order.key", order.Key.ToString());
            order.TrackingNumber = shipment.TrackingNumber ?? order.TrackingNumber;
            order.DespatchedAt = status.DespatchedAt;
            order.MoveTo(OrderState.Despatched, time.GetUtcNow(), $"{carrier.Descriptor.ShippingCarrier} tracking {order.TrackingNumber}");
            moving.Add(order);
        }
        var changedMeanwhile = (await orders.SaveManyAsync(moving, cancellationToken)).ToHashSet();

        var toWriteBack = new List<FulfilmentOrder>();
        foreach (var (shipment, status) in despatched)
        {
            if (!found.TryGetValue(shipment.Order, out var order) || changedMeanwhile.Contains(order))
                continue;
            if (order.State != OrderState.Despatched)
            {
                // Already past despatch (written back, delivered, returned): the shipment is closed all the same.
                if (OrderStateMachine.Progress(order.State) > OrderStateMachine.Progress(OrderState.Despatched))
                    Close(shipment, status);
                continue;
            }
            // Handed over again after a crash between saving the order and handing it over: the outbox keeps one entry.
            if (!writeBackOn.TryGetValue(order.Key.ConnectionId, out var writeBack))
            {
                var connection = await settingsKept.ConnectionAsync(order.Key.ConnectionId, cancellationToken);
                writeBackOn[order.Key.ConnectionId] = writeBack = connection is { MarkDespatchedOnChannel: true };
            }
            if (writeBack && !toWriteBack.Contains(order))
                toWriteBack.Add(order);
            Close(shipment, status);
        }
        await writeBacks.StartManyAsync(toWriteBack, cancellationToken);
        return closed;

        void Close(ShipmentRecord shipment, CarrierShipmentStatus status)
        {
            shipment.State = ShipmentState.Despatched;
            shipment.DespatchedAt = status.DespatchedAt;
            closed.Add(shipment);
            Interlocked.Increment(ref tally.Despatched);
        }
    }

    /// <summary>
    /// Saves the shipment. A crash before the save is harmless: the next run finds the order already Despatched and its
    /// write-back already in the outbox; a label stored but not recorded is downloaded again and overwritten.
    /// </summary>
    private async Task SaveAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        try
        {
            await shipments.SaveAsync(shipment, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Changed by someone else meanwhile (a webhook, another instance): the next run sees theirs.
        }
    }

    private sealed record Found(ShipmentRecord Shipment, CarrierShipmentStatus Status);

    /// <summary>Counts of one run; accounts fetch labels at once, so they are added with Interlocked.</summary>
    private sealed class Tally
    {
        public int Checked, Despatched, LabelsStored, LabelsOwed;
    }
}

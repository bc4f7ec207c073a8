using Fulfilment.Carriers;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;

namespace Fulfilment.Pipeline;

/// <summary>What one status sync did.</summary>
public sealed record SyncResult(int Checked, int Despatched, int LabelsStored);

/// <summary>
/// Timer step for carriers without tracking webhooks (Click &amp; Drop): looks up every open shipment, stores labels once
/// postage is applied, and on despatch moves the order to Despatched and hands it to the write-back outbox.
/// One account's failure is logged and the others go on; a shipment changed meanwhile is left for the next run.
/// </summary>
public sealed class SyncCarrierStatusStep(
    ICarrierAccountStore accounts,
    IShipmentStore shipments,
    IOrderStore orders,
    IConnectionStore connections,
    ILabelStore labels,
    DespatchWriteBacks writeBacks,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    TimeProvider time,
    ILogger<SyncCarrierStatusStep> logger)
{
    public async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        int checkedCount = 0, despatched = 0, labelsStored = 0;
        // Many despatches share a connection: read each connection's write-back setting once per run.
        var writeBackOn = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (account.Status != CarrierAccountStatus.Active
                || partners.FindCarrier(account.Carrier) is not { } carrier
                || !carrier.Descriptor.Capabilities.HasFlag(CarrierCapabilities.StatusPolling))
                continue;
            try
            {
                var (c, d, l) = await SyncAccountAsync(account, carrier, writeBackOn, cancellationToken);
                checkedCount += c;
                despatched += d;
                labelsStored += l;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Syncing carrier account {AccountId} failed; the other accounts go on.", account.Id);
            }
        }
        if (despatched + labelsStored > 0)
            logger.LogInformation("Carrier sync: {Checked} open shipments checked, {Despatched} despatched, {Labels} labels stored.", checkedCount, despatched, labelsStored);
        return new SyncResult(checkedCount, despatched, labelsStored);
    }

    private async Task<(int Checked, int Despatched, int Labels)> SyncAccountAsync(CarrierAccount account, ICarrier carrier,
        Dictionary<string, bool> writeBackOn, CancellationToken cancellationToken)
    {
        int checkedCount = 0, despatched = 0, labelsStored = 0;
        var open = await shipments.ListOpenAsync(account.Id, cancellationToken);
        // Despatches first, labels after: a label is one carrier call per order at the account's rate (Click & Drop: 5/s),
        // so fetching each before its despatch held every write-back of the run behind all the labels before it.
        var found = new List<(ShipmentRecord Shipment, CarrierShipmentStatus Status, bool Changed)>();
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
            foreach (var shipment in chunk)
            {
                checkedCount++;
                if (!byId.TryGetValue(shipment.CarrierShipmentId, out var status))
                    continue;
                var changed = false;
                if (status.TrackingNumber is { } tracking && shipment.TrackingNumber != tracking)
                {
                    shipment.TrackingNumber = tracking;
                    changed = true;
                }
                if (status.DespatchedAt is { } at && await MarkOrderDespatchedAsync(carrier, shipment, at, writeBackOn, cancellationToken))
                {
                    shipment.State = ShipmentState.Despatched;
                    shipment.DespatchedAt = at;
                    despatched++;
                    changed = true;
                }
                found.Add((shipment, status, changed));
            }
        }

        // Each shipment is saved once, with its label if one came. A crash before the save is harmless: the next run
        // finds the order already Despatched and its write-back already in the outbox.
        foreach (var (shipment, status, despatchChanged) in found)
        {
            var changed = despatchChanged;
            try
            {
                if (await TryStoreLabelAsync(account, carrier, shipment, status, cancellationToken))
                {
                    labelsStored++;
                    changed = true;
                }
            }
            catch (PartnerException ex) when (ex.IsRetryable)
            {
                // The label is fetched next run; the despatch is already recorded.
                logger.LogWarning("Label of shipment {ShipmentId} not fetched this run ({Kind}): {Message}", shipment.CarrierShipmentId, ex.Kind, ex.Message);
            }
            if (!changed)
                continue;
            try
            {
                await shipments.SaveAsync(shipment, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Changed by someone else meanwhile (a webhook, another instance): the next run sees theirs.
            }
        }
        return (checkedCount, despatched, labelsStored);
    }

    private async Task<bool> TryStoreLabelAsync(CarrierAccount account, ICarrier carrier, ShipmentRecord shipment, CarrierShipmentStatus status, CancellationToken cancellationToken)
    {
        if (shipment.LabelBlob is not null || shipment.LabelProblem is not null || status.LabelPrintedAt is null
            || !carrier.Descriptor.Capabilities.HasFlag(CarrierCapabilities.Labels))
            return false;
        var label = await carrier.GetLabelAsync(account, shipment.CarrierShipmentId, cancellationToken);
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
        return true;
    }

    /// <summary>Moves the order to Despatched (once) and makes sure its write-back is queued. False if the order is not ready.</summary>
    private async Task<bool> MarkOrderDespatchedAsync(ICarrier carrier, ShipmentRecord shipment, DateTimeOffset despatchedAt,
        Dictionary<string, bool> writeBackOn, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(shipment.Order, cancellationToken);
        if (order is null)
            return false;
        using var activity = PipelineTracing.StartStep("Despatched", order.TraceParent);
        activity?.SetTag("order.key", order.Key.ToString());
        if (order.State == OrderState.ShipmentCreated)
        {
            order.TrackingNumber = shipment.TrackingNumber ?? order.TrackingNumber;
            order.DespatchedAt = despatchedAt;
            order.MoveTo(OrderState.Despatched, time.GetUtcNow(), $"{carrier.Descriptor.ShippingCarrier} tracking {order.TrackingNumber}");
            await orders.SaveAsync(order, cancellationToken);
        }
        if (order.State != OrderState.Despatched)
            return OrderStateMachine.Progress(order.State) > OrderStateMachine.Progress(OrderState.Despatched);

        // Handed over again after a crash between saving the order and handing it over: the outbox keeps one entry.
        if (!writeBackOn.TryGetValue(order.Key.ConnectionId, out var writeBack))
        {
            var connection = await connections.GetAsync(order.Key.ConnectionId, cancellationToken);
            writeBackOn[order.Key.ConnectionId] = writeBack = connection is { MarkDespatchedOnChannel: true };
        }
        if (writeBack)
            await writeBacks.StartAsync(order, cancellationToken);
        return true;
    }
}

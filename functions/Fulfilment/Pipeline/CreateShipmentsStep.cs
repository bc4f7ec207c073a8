using Fulfilment.Carriers;
using Fulfilment.Connections;
using Fulfilment.Orders;
using Fulfilment.Partners;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Pipeline;

/// <summary>What one drain of the carrier outboxes did.</summary>
public sealed record CreateShipmentsResult(int Created, int Rejected, int Recovered, int Deferred, IReadOnlyList<string> AccountsSkipped);

/// <summary>
/// Timer step: drains each carrier account's outbox in batches. Exactly one carrier order per channel order:
/// the order is marked ShipmentRequested before the batch is sent; an order found in ShipmentRequested (a previous
/// attempt timed out, failed with 5xx or crashed) is first looked up by its deterministic reference and only sent
/// again if the carrier does not have it. A lease per account keeps two instances from draining one account at once.
/// </summary>
public sealed class CreateShipmentsStep(
    IPendingShipmentStore pending,
    IOrderStore orders,
    ICarrierAccountStore accounts,
    IShipmentStore shipments,
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

            await using var lease = await leases.TryAcquireAsync($"drain-{accountId}", TimeSpan.FromSeconds(options.Value.DrainLeaseSeconds), cancellationToken);
            if (lease is null)
            {
                logger.LogInformation("Another instance is draining {AccountId}.", accountId);
                continue;
            }
            await DrainAccountAsync(account, carrier, lease, tally, cancellationToken);
        }

        var result = new CreateShipmentsResult(tally.Created, tally.Rejected, tally.Recovered, tally.Deferred, tally.Skipped);
        if (result.Created + result.Rejected + result.Recovered + result.Deferred > 0)
            logger.LogInformation("Shipments: {Created} created, {Recovered} found already created, {Rejected} rejected, {Deferred} deferred.",
                result.Created, result.Recovered, result.Rejected, result.Deferred);
        return result;
    }

    private async Task DrainAccountAsync(CarrierAccount account, ICarrier carrier, ILease lease, Tally tally, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow().AddSeconds(options.Value.DrainTimeBudgetSeconds);
        var batchSize = Math.Max(1, carrier.Descriptor.MaxBatchSize);
        while (time.GetUtcNow() < deadline)
        {
            var keys = await pending.ListAsync(account.Id, batchSize, cancellationToken);
            if (keys.Count == 0)
                return;

            var batch = await LoadBatchAsync(account.Id, keys, cancellationToken);
            try
            {
                await RecoverRequestedAsync(account, carrier, batch, tally, cancellationToken);
                var toSend = await MarkRequestedAsync(batch, cancellationToken);
                if (toSend.Count > 0)
                    await SendAsync(account, carrier, toSend, tally, cancellationToken);
            }
            catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
            {
                await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
                tally.Deferred += keys.Count;
                return;
            }
            catch (PartnerException ex) when (ex.IsRetryable)
            {
                // Ambiguous or throttled: the orders stay ShipmentRequested and are looked up before any resend.
                logger.LogWarning(ex, "Carrier {Carrier} failed for account {AccountId} ({Kind}); the next run looks the orders up first.",
                    ex.Partner, account.Id, ex.Kind);
                tally.Deferred += keys.Count;
                return;
            }

            if (!await lease.RenewAsync(cancellationToken))
            {
                logger.LogWarning("Lost the drain lease of {AccountId}; stopping.", account.Id);
                return;
            }
        }
    }

    /// <summary>Loads the batch's orders; outbox rows whose order is gone or past this step are removed.</summary>
    private async Task<List<FulfilmentOrder>> LoadBatchAsync(string accountId, IReadOnlyList<OrderKey> keys, CancellationToken cancellationToken)
    {
        var batch = new List<FulfilmentOrder>(keys.Count);
        foreach (var key in keys)
        {
            var order = await orders.GetAsync(key, cancellationToken);
            if (order is { State: OrderState.Normalised or OrderState.ShipmentRequested, Plan: not null })
                batch.Add(order);
            else
                await pending.RemoveAsync(accountId, key, cancellationToken);
        }
        return batch;
    }

    /// <summary>Orders a previous attempt may have created: record those the carrier has, leave the rest to be sent.</summary>
    private async Task RecoverRequestedAsync(CarrierAccount account, ICarrier carrier, List<FulfilmentOrder> batch, Tally tally, CancellationToken cancellationToken)
    {
        var requested = batch.Where(o => o.State == OrderState.ShipmentRequested).ToList();
        if (requested.Count == 0)
            return;
        var found = await carrier.FindByReferenceAsync(account, requested.Select(o => o.Plan!.Reference).ToList(), cancellationToken);
        var byReference = found.Where(s => s.Reference is not null).ToDictionary(s => s.Reference!, StringComparer.Ordinal);
        foreach (var order in requested)
        {
            if (!byReference.TryGetValue(order.Plan!.Reference, out var existing))
                continue;
            await RecordCreatedAsync(account, carrier, order, new CreatedShipment(order.Plan.Reference, existing.CarrierShipmentId, existing.TrackingNumber), cancellationToken);
            batch.Remove(order);
            tally.Recovered++;
        }
    }

    /// <summary>Moves Normalised orders to ShipmentRequested before anything is sent; an order another writer changed is left for the next run.</summary>
    private async Task<List<FulfilmentOrder>> MarkRequestedAsync(List<FulfilmentOrder> batch, CancellationToken cancellationToken)
    {
        var toSend = new List<FulfilmentOrder>(batch.Count);
        foreach (var order in batch)
        {
            if (order.State == OrderState.Normalised)
            {
                order.MoveTo(OrderState.ShipmentRequested, time.GetUtcNow());
                try
                {
                    await orders.SaveAsync(order, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    continue;
                }
            }
            toSend.Add(order);
        }
        return toSend;
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
            // The carrier refused the request as a whole; send the orders one by one so one bad order cannot block the rest.
            logger.LogWarning("Carrier {Carrier} rejected a batch of {Count}: {Message}; retrying the orders one at a time.", ex.Partner, toSend.Count, ex.Message);
            foreach (var single in toSend)
                await SendAsync(account, carrier, [single], tally, cancellationToken);
            return;
        }
        catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Rejected)
        {
            result = new CarrierBatchResult([], [new RejectedShipment(toSend[0].Plan!.Reference, ex.Message)]);
        }

        var byReference = toSend.ToDictionary(o => o.Plan!.Reference, StringComparer.Ordinal);
        foreach (var created in result.Created)
        {
            if (!byReference.Remove(created.Reference, out var order))
            {
                logger.LogError("Carrier {Carrier} reported created order {Reference}, which was not in the batch.", account.Carrier, created.Reference);
                continue;
            }
            await RecordCreatedAsync(account, carrier, order, created, cancellationToken);
            tally.Created++;
        }
        foreach (var rejected in result.Rejected)
        {
            if (!byReference.Remove(rejected.Reference, out var order))
                continue;
            using var activity = PipelineTracing.StartStep("CarrierRejected", order.TraceParent);
            order.MoveTo(OrderState.NeedsAttention, time.GetUtcNow(), $"{account.Carrier} rejected the order: {rejected.Reason}");
            await orders.SaveAsync(order, cancellationToken);
            await pending.RemoveAsync(account.Id, order.Key, cancellationToken);
            tally.Rejected++;
        }
        // Orders the carrier said nothing about stay ShipmentRequested: the next run looks them up by reference.
        tally.Deferred += byReference.Count;
    }

    private async Task RecordCreatedAsync(CarrierAccount account, ICarrier carrier, FulfilmentOrder order, CreatedShipment created, CancellationToken cancellationToken)
    {
        using var activity = PipelineTracing.StartStep("ShipmentCreated", order.TraceParent);
        activity?.SetTag("order.key", order.Key.ToString());
        activity?.SetTag("carrier.shipment_id", created.CarrierShipmentId);
        // Shipment first: if we crash before the order is saved, the next run finds the carrier order by reference again.
        await shipments.UpsertAsync(new ShipmentRecord
        {
            CarrierAccountId = account.Id,
            CarrierShipmentId = created.CarrierShipmentId,
            Carrier = carrier.Descriptor.Name,
            Order = order.Key,
            Reference = created.Reference,
            TrackingNumber = created.TrackingNumber,
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        order.CarrierShipmentId = created.CarrierShipmentId;
        order.TrackingNumber = created.TrackingNumber;
        order.MoveTo(OrderState.ShipmentCreated, time.GetUtcNow(), $"{carrier.Descriptor.Name} order {created.CarrierShipmentId}");
        await orders.SaveAsync(order, cancellationToken);
        await pending.RemoveAsync(account.Id, order.Key, cancellationToken);
    }

    private sealed class Tally
    {
        public int Created, Rejected, Recovered, Deferred;
        public List<string> Skipped { get; } = [];
    }
}

using Fulfilment.Carriers;
using Fulfilment.Connections;
using Fulfilment.Partners;
using Fulfilment.Pipeline;
using Fulfilment.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Tracking;

/// <summary>What one run of the silent-shipment poll did.</summary>
public sealed record SilentTrackResult(int Asked, int EventsAdded);

/// <summary>
/// Timer step: webhooks can be lost, late or never configured, so every open shipment of a carrier that reports
/// tracking is asked about through its track API once nothing has been heard of it for
/// <see cref="TrackingOptions.SilentAfterMinutes"/>. What comes back enters like any event (stored once, applied in
/// event-time order). One account's failure is logged and the others go on.
/// </summary>
public sealed class TrackSilentShipmentsStep(
    ICarrierAccountStore accounts,
    IShipmentStore shipments,
    TrackingEventIntake intake,
    PartnerRegistry partners,
    CredentialFailures credentialFailures,
    IOptions<TrackingOptions> options,
    TimeProvider time,
    ILogger<TrackSilentShipmentsStep> logger)
{
    public async Task<SilentTrackResult> RunAsync(CancellationToken cancellationToken)
    {
        int asked = 0, added = 0;
        var budget = options.Value.MaxShipmentsPerRun;
        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (budget <= 0)
                break;
            if (account.Status != CarrierAccountStatus.Active || partners.FindTracking(account.Carrier) is not { } tracking)
                continue;
            try
            {
                var (a, e) = await PollAccountAsync(account, tracking, budget, cancellationToken);
                asked += a;
                added += e;
                budget -= a;
            }
            catch (PartnerException ex) when (ex.Kind == PartnerFailureKind.Authentication)
            {
                await credentialFailures.AccountRefusedAsync(account, ex, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Tracking the silent shipments of carrier account {AccountId} failed; the other accounts go on.", account.Id);
            }
        }
        if (asked > 0)
            logger.LogInformation("Silent shipments: {Asked} asked about, {Added} new tracking events.", asked, added);
        return new SilentTrackResult(asked, added);
    }

    private async Task<(int Asked, int Added)> PollAccountAsync(CarrierAccount account, ICarrierTracking tracking, int budget, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silentSince = now.AddMinutes(-options.Value.SilentAfterMinutes);
        var silent = (await shipments.ListOpenAsync(account.Id, cancellationToken))
            .Where(s => (s.LastHeardAt ?? s.CreatedAt) <= silentSince)
            .OrderBy(s => s.LastHeardAt ?? s.CreatedAt)
            .Take(budget)
            .ToList();
        int asked = 0, added = 0;
        foreach (var chunk in silent.Chunk(Math.Max(1, tracking.MaxTrackBatchSize)))
        {
            var answers = await tracking.TrackAsync(account, chunk.Select(s => s.CarrierShipmentId).ToList(), cancellationToken);
            foreach (var shipment in chunk)
            {
                asked++;
                var events = answers.GetValueOrDefault(shipment.CarrierShipmentId) ?? [];
                added += (await intake.ReceiveAsync(account.Id, shipment.CarrierShipmentId, events, TrackingEventSource.Poll, raw: null, cancellationToken)).Added;
                await MarkHeardAsync(shipment, now, cancellationToken);
            }
        }
        return (asked, added);
    }

    /// <summary>Asked now, so not again until the next silence; a shipment changed meanwhile (its events applied) needs nothing.</summary>
    private async Task MarkHeardAsync(ShipmentRecord shipment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        shipment.LastHeardAt = now;
        try
        {
            await shipments.SaveAsync(shipment, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Applied meanwhile: its LastHeardAt moved on with the events.
        }
    }
}

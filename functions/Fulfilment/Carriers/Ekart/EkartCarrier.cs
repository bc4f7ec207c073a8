using Fulfilment.Carriers.Ekart.Dtos;
using Fulfilment.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>
/// Ekart (India) as an <see cref="ICarrier"/>: forward shipments with our own tracking ids (one per order, kept across
/// retries), prepaid or cash on delivery, picked up at the account's location code or pickup address. Lookups go
/// through the track API; tracking arrives by webhook (<see cref="EkartWebhooks"/>) and labels are not fetched
/// (Ekart's label API is UNCONFIRMED).
/// </summary>
public sealed class EkartCarrier(EkartClient client, EkartTrackingIds trackingIds, IOptionsMonitor<EkartOptions> options, ILogger<EkartCarrier> logger) : ICarrier
{
    public const string CarrierName = "Ekart";

    public CarrierDescriptor Descriptor => new(
        CarrierName,
        "Ekart",
        CarrierCapabilities.None,
        MaxBatchSize: options.CurrentValue.MaxShipmentsPerRequest,
        MaxLookupBatchSize: options.CurrentValue.MaxTrackingIdsPerRequest,
        AccountFields: EkartAccount.Fields,
        PackageFormats: EkartAccount.PackageFormats,
        ServiceCode: EkartAccount.ServiceCode,
        OriginCountry: "IN",
        AccountCheck: EkartAccount.Check);

    /// <summary>
    /// Each plan gets its tracking id (the same on every retry), is mapped (or rejected without a call), and the rest go
    /// in chunks. "Already present" for our own id is success: the track API confirms the shipment is ours before it is
    /// recorded. A chunk that fails ambiguously throws Transient: the pipeline looks the shipments up by reference.
    /// </summary>
    public async Task<CarrierBatchResult> CreateShipmentsAsync(CarrierAccount account, IReadOnlyList<ShipmentRequest> requests, CancellationToken cancellationToken)
    {
        var credential = EkartAccount.CredentialOf(account);
        var settings = EkartAccount.SettingsOf(account);
        var current = options.CurrentValue;
        var created = new List<CreatedShipment>();
        var rejected = new List<RejectedShipment>();
        var toSend = new List<EkartMappedShipment>();
        foreach (var request in requests)
        {
            var trackingId = await trackingIds.AllocateAsync(settings, request.Reference, request.Plan.CashOnDelivery, cancellationToken);
            if (trackingId is null)
            {
                rejected.Add(new RejectedShipment(request.Reference,
                    $"The Ekart account's tracking-id block ({settings.TrackingIdFrom}–{settings.TrackingIdTo}) is used up; store the next block Ekart assigns, then replay."));
                continue;
            }
            var mapped = EkartMapper.ToServiceDetail(request.Plan, settings, trackingId, current.HsnLengthSet());
            if (mapped.IsRejected)
                rejected.Add(new RejectedShipment(mapped.Reference, mapped.Rejection!));
            else
                toSend.Add(mapped);
        }

        foreach (var chunk in toSend.Chunk(current.MaxShipmentsPerRequest))
        {
            var byTrackingId = chunk.ToDictionary(s => s.Detail!.Shipment.TrackingId, StringComparer.Ordinal);
            var answer = await client.CreateAsync(credential, EkartMapper.ToCreateRequest(settings.MerchantCode, current.GoodsCategory, chunk), cancellationToken);
            var alreadyPresent = new List<EkartMappedShipment>();
            foreach (var line in answer.Lines)
            {
                if (line.TrackingId is null || !byTrackingId.Remove(line.TrackingId, out var shipment))
                    continue;
                if (line.IsReceived)
                    created.Add(new CreatedShipment(shipment.Reference, line.TrackingId, line.TrackingId));
                else if (line.Messages.Any(m => m.Contains(current.AlreadyPresentText, StringComparison.OrdinalIgnoreCase)))
                    alreadyPresent.Add(shipment);
                else
                    rejected.Add(new RejectedShipment(shipment.Reference, Describe(line)));
            }
            await ConfirmOursAsync(credential, alreadyPresent, created, rejected, cancellationToken);
            // Shipments Ekart said nothing about stay requested: the pipeline looks them up later.
        }
        return new CarrierBatchResult(created, rejected);
    }

    /// <summary>
    /// "Already present" is ours when the shipment with that id carries our client reference (a retry of our own create);
    /// one that carries another reference means the id was used elsewhere, and the order needs a person.
    /// </summary>
    private async Task ConfirmOursAsync(EkartCredential credential, List<EkartMappedShipment> alreadyPresent, List<CreatedShipment> created,
        List<RejectedShipment> rejected, CancellationToken cancellationToken)
    {
        if (alreadyPresent.Count == 0)
            return;
        var tracked = await client.TrackAsync(credential, alreadyPresent.Select(s => s.Detail!.Shipment.TrackingId).ToList(), cancellationToken);
        foreach (var shipment in alreadyPresent)
        {
            var id = shipment.Detail!.Shipment.TrackingId;
            var ours = shipment.Detail.Shipment.ClientReferenceId;
            if (!tracked.TryGetValue(id, out var found))
                continue; // not visible yet: stays requested and is looked up again
            if (found.ClientReferenceId is null || string.Equals(found.ClientReferenceId, ours, StringComparison.Ordinal))
            {
                logger.LogInformation("Ekart already holds shipment {TrackingId} for {Reference}: recorded, not created again.", id, shipment.Reference);
                created.Add(new CreatedShipment(shipment.Reference, id, id));
            }
            else
            {
                rejected.Add(new RejectedShipment(shipment.Reference,
                    $"Ekart holds tracking id {id} for another shipment (client reference {found.ClientReferenceId}, ours {ours}); check the account's tracking-id block."));
            }
        }
    }

    /// <summary>References whose tracking ids Ekart knows, found through the ids we claimed for them (none are allocated here).</summary>
    public async Task<IReadOnlyList<CarrierShipmentStatus>> FindByReferenceAsync(CarrierAccount account, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var settings = EkartAccount.SettingsOf(account);
        var referenceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references.Distinct(StringComparer.Ordinal))
            foreach (var id in await trackingIds.FindAsync(settings.MerchantCode, reference, cancellationToken))
                referenceOf[id] = reference;
        var statuses = await LookupAsync(account, referenceOf.Keys.ToList(), cancellationToken);
        return statuses.Select(s => s with { Reference = referenceOf[s.CarrierShipmentId] }).ToList();
    }

    public Task<IReadOnlyList<CarrierShipmentStatus>> GetStatusAsync(CarrierAccount account, IReadOnlyList<string> carrierShipmentIds, CancellationToken cancellationToken) =>
        LookupAsync(account, carrierShipmentIds.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

    /// <summary>Ekart's label API is UNCONFIRMED (one integrator found metadata only): labels are printed from Ekart's portal.</summary>
    public Task<CarrierLabel> GetLabelAsync(CarrierAccount account, string carrierShipmentId, CancellationToken cancellationToken) =>
        Task.FromResult(CarrierLabel.NotYet);

    private async Task<IReadOnlyList<CarrierShipmentStatus>> LookupAsync(CarrierAccount account, IReadOnlyList<string> trackingIdList, CancellationToken cancellationToken)
    {
        var credential = EkartAccount.CredentialOf(account);
        var statuses = new List<CarrierShipmentStatus>();
        foreach (var chunk in trackingIdList.Chunk(options.CurrentValue.MaxTrackingIdsPerRequest))
        {
            var tracked = await client.TrackAsync(credential, chunk, cancellationToken);
            statuses.AddRange(tracked.Values.Where(t => chunk.Contains(t.TrackingId, StringComparer.Ordinal)).Select(t => new CarrierShipmentStatus
            {
                CarrierShipmentId = t.TrackingId,
                TrackingNumber = t.TrackingId,
                DespatchedAt = EkartEvents.Summarise(t, account.Id).PickedUpAt,
            }));
        }
        return statuses;
    }

    private static string Describe(EkartResponseLine line) =>
        line.Messages.Count == 0 ? $"Ekart rejected the shipment ({line.Status ?? "no status"}) without a reason." : string.Join("; ", line.Messages);
}

using Fulfilment.Connections;
using Fulfilment.Tracking;
using Microsoft.Extensions.Options;

namespace Fulfilment.Carriers.Ekart;

/// <summary>Ekart's track API for shipments we have not heard of for a while: their whole history as our tracking events.</summary>
public sealed class EkartTracking(EkartClient client, IOptionsMonitor<EkartOptions> options) : ICarrierTracking
{
    public string Carrier => EkartCarrier.CarrierName;

    public int MaxTrackBatchSize => options.CurrentValue.MaxTrackingIdsPerRequest;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CarrierTrackingEvent>>> TrackAsync(CarrierAccount account, IReadOnlyList<string> carrierShipmentIds,
        CancellationToken cancellationToken)
    {
        var tracked = await client.TrackAsync(EkartAccount.CredentialOf(account), carrierShipmentIds, cancellationToken);
        return tracked.Values
            .Where(t => carrierShipmentIds.Contains(t.TrackingId, StringComparer.Ordinal))
            .ToDictionary(t => t.TrackingId, EkartEvents.From, StringComparer.Ordinal);
    }
}
